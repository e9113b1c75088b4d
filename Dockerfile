# Warrant relay: the built client and the compiled relay (server/dist/main.js) in one image.
# Build: docker build -t warrant .   Run: docker run -p 8080:8080 -v warrant-data:/data warrant
# See docs/deploy.md (compose.yaml runs several relays on PostgreSQL and Redis).

# --- build: install the workspace, build the client and the relay --------------------------
FROM node:20-bookworm-slim AS build
# better-sqlite3 is native: it compiles with these when no prebuilt binary fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Manifests first, so the install layer is reused until a dependency changes. pnpm wants
# every workspace package's manifest to match the lockfile.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY shared/package.json shared/
COPY fixtures/package.json fixtures/
COPY server/package.json server/
COPY client/package.json client/
COPY tests/package.json tests/
COPY bench/package.json bench/
RUN npx pnpm@10.34.8 install --frozen-lockfile
COPY . .
RUN npx pnpm@10.34.8 --filter @warrant/client build \
  && npx pnpm@10.34.8 --filter @warrant/server build \
  # Production dependencies only from here on (unlinks TypeScript, Vite, linters); CI=true
  # lets pnpm replace the modules directory without asking on a terminal.
  && CI=true npx pnpm@10.34.8 install --frozen-lockfile --prod

# --- runtime ---------------------------------------------------------------------------------
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=8080 \
    WARRANT_DATA=/data \
    WARRANT_LOG_FORMAT=json
WORKDIR /app
# node_modules keeps pnpm's layout (symlinks into node_modules/.pnpm), so it is copied whole.
# server/src, shared and fixtures are there for the command line (`node server/bin/warrant.mjs
# backup …`), which runs from the TypeScript sources; the relay itself runs server/dist.
COPY --from=build /app/package.json /app/pnpm-workspace.yaml ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/shared ./shared
COPY --from=build /app/fixtures ./fixtures
COPY --from=build /app/server ./server
COPY --from=build /app/client/dist ./client/dist
# The SQLite database lives in /data (unused with DATABASE_URL); owned by the unprivileged user.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 8080
# Liveness: 200 while storage takes writes. Load balancers should use /readyz instead, which
# also turns 503 while the relay shuts down.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM: stop accepting, flush every commit, close sockets (1001), snapshot, exit 0.
STOPSIGNAL SIGTERM
CMD ["node", "server/dist/main.js"]

// `pnpm --filter @warrant/server build`: compiles the relay ahead of time into dist/main.js,
// so production runs plain `node` instead of compiling TypeScript at start-up (tsx).
//
// The workspace packages (@warrant/shared, @warrant/fixtures) export .ts sources, which plain
// Node cannot load, so their code is bundled in. Every real package stays external and is
// loaded from node_modules as usual: better-sqlite3 is native, and yjs must stay one instance
// shared by every module that imports it (two copies break `instanceof` checks and warn).
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverDir = dirname(fileURLToPath(import.meta.url));
const outDir = join(serverDir, 'dist');
const WORKSPACE = /^@warrant\//;
// External packages are resolved at run time from dist/main.js, that is from server/'s own
// node_modules: a package only a workspace dependency declares would fail there, so say so now.
const installed = (name) => existsSync(join(serverDir, 'node_modules', name));

/** Leaves node_modules packages external, checking each one resolves from dist/. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (WORKSPACE.test(args.path) || args.path.startsWith('node:')) return undefined;
      const name = args.path.split('/', args.path.startsWith('@') ? 2 : 1).join('/');
      if (installed(name)) return { path: args.path, external: true };
      const text =
        `"${name}" (imported by ${args.importer}) is not a dependency of @warrant/server, ` +
        'so dist/main.js could not load it: add it to server/package.json.';
      return { errors: [{ text }] };
    });
  },
};

rmSync(outDir, { recursive: true, force: true });
await build({
  // The relay, and its Yjs worker thread (started from dist/main.js as ./yjsWorker.js).
  entryPoints: {
    main: join(serverDir, 'src/main.ts'),
    yjsWorker: join(serverDir, 'src/maps/yjsWorker.ts'),
  },
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: 'linked',
  plugins: [externalPackages],
  logLevel: 'warning',
});
// The fixtures read the sample map's source documents from `./sources/` beside their module;
// bundled, that module is dist/main.js, so the documents go beside it.
cpSync(join(serverDir, '../fixtures/sources'), join(outDir, 'sources'), { recursive: true });

// `npm start`: installs the workspace if needed, builds the client, then runs the server's
// `start` script, which compiles the relay ahead of time (server/build.mjs, about a second)
// and runs dist/main.js with plain Node. The relay creates the sample NATO map on first start
// of an empty data directory.
import { ensureInstalled, pnpm } from './pnpm.mjs';

ensureInstalled();
const built = pnpm(['--filter', '@warrant/client', '--if-present', 'build']);
if (built !== 0) process.exit(built);
process.exit(pnpm(['--filter', '@warrant/server', 'start']));

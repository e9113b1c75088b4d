import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteInUse } from './inUse.ts';
import { SqliteStorage } from './SqliteStorage.ts';

describe('sqliteInUse', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('tells a file another connection holds open from one nobody does', async () => {
    dir = mkdtempSync(join(tmpdir(), 'warrant-inuse-'));
    const file = join(dir, 'warrant.db');
    const storage = new SqliteStorage(file);
    expect(sqliteInUse(file)).toBe(true);
    await storage.close();
    expect(sqliteInUse(file)).toBe(false);
  });

  it('sees a connection held by another process, and not once that process was killed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'warrant-inuse-'));
    const file = join(dir, 'warrant.db');
    await new SqliteStorage(file).close();
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)});
         db.pragma('journal_mode = WAL'); db.prepare('SELECT 1 FROM maps').all();
         console.log('open'); setInterval(() => {}, 1000);`,
      ],
      { cwd: join(import.meta.dirname, '..', '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    expect(sqliteInUse(file)).toBe(true);
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    expect(sqliteInUse(file)).toBe(false);
  });
});

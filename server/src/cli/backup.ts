import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { sqliteInUse } from '../storage/sqlite/inUse.ts';
import { CliFailure, parse, stringOption, type Command, type Io } from './args.ts';
import { say } from './output.ts';
import { relayConfig } from './target.ts';

const backupUsage = `Usage: pnpm warrant backup <file> [--data DIR] [--force]

Copies the relay's database (every map, its review document and share links) into <file>,
safely while the relay runs (SQLite's online backup), and checks the copy.

  --data DIR  the relay's data directory (default: WARRANT_DATA or server/data)
  --force     overwrite <file> if it exists

With DATABASE_URL set the maps live in PostgreSQL: back that up with pg_dump (the command
says how).`;

const restoreUsage = `Usage: pnpm warrant restore <file> [--data DIR]

Puts a backup made by \`pnpm warrant backup\` back as the relay's database, then opens every
map in it to prove it is whole. The database it replaces is kept beside it
(warrant.db.replaced-<time>), never deleted. Stop the relay first.

  --data DIR  the relay's data directory (default: WARRANT_DATA or server/data)`;

const pgAdvice = (what: 'backup' | 'restore') =>
  what === 'backup'
    ? `DATABASE_URL is set: this relay keeps its maps in PostgreSQL, which backs itself up. Run
  pg_dump --format=custom --file=warrant.dump "$DATABASE_URL"
(consistent while relays run), or use your provider's snapshots or point-in-time recovery.`
    : `DATABASE_URL is set: this relay keeps its maps in PostgreSQL. Stop the relays, then run
  pg_restore --clean --if-exists --dbname="$DATABASE_URL" warrant.dump
and start them again (they check the schema on start).`;

export const backupCommand: Command = {
  name: 'backup',
  usage: backupUsage,
  async run(argv, io) {
    const parsed = parse(
      argv,
      { data: { type: 'string' }, force: { type: 'boolean' } },
      ['file'],
      backupUsage,
    );
    if (parsed.help) return void io.stdout.write(`${backupUsage}\n`);
    const config = relayConfig(io.env);
    if (config.databaseUrl) throw new CliFailure(pgAdvice('backup'));
    const dir = dataDir(stringOption(parsed, 'data'), config.dataDir, io);
    const source = join(dir, 'warrant.db');
    if (!existsSync(source)) {
      throw new CliFailure(
        `No Warrant data in ${dir} (there is no warrant.db); name it with --data.`,
      );
    }
    const target = resolve(io.cwd, parsed.positionals[0] ?? '');
    if (existsSync(target) && parsed.values.force !== true) {
      throw new CliFailure(`${target} exists; add --force to overwrite it.`);
    }
    // Written beside the target and renamed into place: a failed backup leaves no half file.
    const partial = `${target}.partial`;
    rmSync(partial, { force: true });
    const db = new Database(source, { readonly: true, fileMustExist: true });
    try {
      let lastShown = -1;
      await db.backup(partial, {
        progress({ totalPages, remainingPages }) {
          const done = totalPages === 0 ? 100 : Math.floor((1 - remainingPages / totalPages) * 100);
          if (done >= lastShown + 25) {
            lastShown = done;
            say(io, `backup: ${done}%`);
          }
          // Pages per step: big enough to be quick, small enough to let the relay write between.
          return 1000;
        },
      });
    } catch (error) {
      rmSync(partial, { force: true });
      throw new CliFailure(
        `The backup failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      db.close();
    }
    const maps = checkDatabase(partial);
    renameSync(partial, target);
    const mb = (statSync(target).size / 1024 / 1024).toFixed(1);
    say(io, `Backed up ${maps} maps (${mb} MB) from ${dir} to ${target}; the copy checks out.`);
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  usage: restoreUsage,
  async run(argv, io) {
    const parsed = parse(argv, { data: { type: 'string' } }, ['file'], restoreUsage);
    if (parsed.help) return void io.stdout.write(`${restoreUsage}\n`);
    const config = relayConfig(io.env);
    if (config.databaseUrl) throw new CliFailure(pgAdvice('restore'));
    const dir = dataDir(stringOption(parsed, 'data'), config.dataDir, io);
    const backup = resolve(io.cwd, parsed.positionals[0] ?? '');
    if (!existsSync(backup)) throw new CliFailure(`There is no file ${backup}.`);
    checkDatabase(backup);
    const target = join(dir, 'warrant.db');
    if (existsSync(target) && sqliteInUse(target)) {
      throw new CliFailure(`A relay is running on ${dir}; stop it, then restore.`);
    }
    let kept: string | null = null;
    if (existsSync(target)) {
      kept = `${target}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(target, kept);
      // The old file's WAL belongs to it, not to the restored one.
      for (const suffix of ['-wal', '-shm']) {
        if (existsSync(target + suffix)) renameSync(target + suffix, kept + suffix);
      }
    }
    copyFileSync(backup, target);
    // Every map must open through the relay's own loader, or the old database comes back.
    const { LocalMaps } = await import('./local.ts');
    const local = LocalMaps.open(dir, config, 'read');
    const broken: string[] = [];
    let opened = 0;
    try {
      for (const meta of await local.maps.list()) {
        try {
          const ok = await local.maps.read(meta.id, () => true);
          if (ok) opened += 1;
          else broken.push(meta.id);
        } catch (error) {
          broken.push(`${meta.id} (${error instanceof Error ? error.message : String(error)})`);
        }
      }
    } finally {
      await local.close();
    }
    if (broken.length > 0) {
      rmSync(target, { force: true });
      if (kept) renameSync(kept, target);
      throw new CliFailure(
        `The backup holds maps that do not open: ${broken.join(', ')}. Nothing was changed.`,
      );
    }
    say(
      io,
      `Restored ${opened} maps into ${dir}; every one opened.` +
        (kept ? ` The database it replaced is kept as ${kept}.` : ''),
    );
  },
};

function dataDir(option: string | undefined, fallback: string, io: Io): string {
  return option === undefined ? fallback : resolve(io.cwd, option);
}

/** Checks that `file` is a whole Warrant database; returns how many maps it holds. */
function checkDatabase(file: string): number {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new CliFailure(
      `${file} is not a database: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new CliFailure(`${file} is damaged: ${String(integrity)}`);
    const table = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'maps'")
      .get();
    if (!table) throw new CliFailure(`${file} is not a Warrant database (it has no maps).`);
    return (db.prepare('SELECT count(*) AS n FROM maps').get() as { n: number }).n;
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    throw new CliFailure(
      `${file} is not a Warrant database: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    db.close();
  }
}

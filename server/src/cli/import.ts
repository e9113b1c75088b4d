import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import {
  detectFormat,
  formatById,
  formats,
  IMPORT_FORMAT_IDS,
  importedMapResponseSchema,
  MapImportError,
  ModelError,
  type Format,
  type ImportSummary,
} from '@warrant/shared';
import { Limits } from '../protocol/constants.ts';
import { mapUrl } from '../welcome.ts';
import {
  CliFailure,
  parse,
  stringOption,
  TARGET_OPTIONS,
  UsageError,
  type Command,
  type Io,
} from './args.ts';
import { say } from './output.ts';
import { callRelay, relayFailure, relayUrl } from './remote.ts';
import { defaultRelayUrl, targetOf, type Target } from './target.ts';

const usage = `Usage: pnpm warrant import <FILE> [--format ${IMPORT_FORMAT_IDS.join('|')}] [--title TITLE]
                            [--data DIR | --url URL]

Creates a map from a file (- reads standard input) and prints its id, address and owner
token as JSON. The owner token is shown only this once: keep it.

  --format F     ${IMPORT_FORMAT_IDS.join(', ')} (default: told from the content and name)
  --title TITLE  the new map's title instead of the file's
  --data DIR     write into the relay's data directory directly (default: the relay's own,
                 WARRANT_DATA or server/data); refused while a relay runs on it
  --url URL      import through a running relay instead, e.g. http://localhost:8080`;

/** What `import` prints on stdout: enough to open, share and script the new map. */
interface Imported {
  id: string;
  title: string;
  url: string;
  ownerToken: string;
  import: ImportSummary;
}

export const importCommand: Command = {
  name: 'import',
  usage,
  async run(argv, io) {
    const parsed = parse(
      argv,
      {
        data: TARGET_OPTIONS.data,
        url: TARGET_OPTIONS.url,
        format: { type: 'string', short: 'f' },
        title: { type: 'string' },
      },
      ['FILE'],
      usage,
    );
    if (parsed.help) return void io.stdout.write(`${usage}\n`);
    const [file = ''] = parsed.positionals;
    const named = stringOption(parsed, 'format');
    const given = named === undefined ? undefined : importFormat(named);
    const target = targetOf(parsed, io, usage);
    const bytes = readInput(file, io);
    const format = given ?? detect(bytes, file);
    if (bytes.byteLength > Limits.maxImportBytes && format !== formats.json) {
      throw new CliFailure(
        `${file} is ${(bytes.byteLength / 1e6).toFixed(1)} MB; files in other formats than Warrant JSON may be at most ${Limits.maxImportBytes / 1e6} MB. Split it, or import it as JSON.`,
      );
    }
    const title = stringOption(parsed, 'title');
    const imported =
      target.kind === 'data'
        ? await intoData(target, { bytes, file, format, title })
        : await throughRelay(target, bytes, format, title);
    io.stdout.write(`${JSON.stringify(imported, null, 2)}\n`);
    const { claims, relations, notes, orphaned } = imported.import;
    say(
      io,
      `Imported “${imported.title}” from ${format.name}: ${claims} claims, ${relations} relations` +
        (notes.length ? `, ${notes.length} notes on what did not carry over exactly` : '') +
        (orphaned.length ? `, ${orphaned.length} passages not found in their sources` : '') +
        `. Open it at ${imported.url}`,
    );
  },
};

function importFormat(id: string): Format {
  const format = formatById(id);
  if (format?.import) return format;
  throw new UsageError(
    `There is no import format "${id}"; use one of ${IMPORT_FORMAT_IDS.join(', ')}.`,
    usage,
  );
}

function readInput(file: string, io: Io): Uint8Array {
  const path = file === '-' ? 0 : resolve(io.cwd, file);
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CliFailure(
      `Could not read ${file} (${typeof code === 'string' ? code : String(error)}). Check the path.`,
    );
  }
}

/** The format from the content first, then the file name, as the relay tells it. */
function detect(bytes: Uint8Array, file: string): Format {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 64 * 1024));
  const text = head.trimStart().startsWith('{') ? new TextDecoder().decode(bytes) : head;
  const id = detectFormat(text, file === '-' ? '' : basename(file));
  if (id) return formats[id];
  throw new CliFailure(
    `Could not tell what format ${file} is in; name it with --format (${IMPORT_FORMAT_IDS.join(', ')}).`,
  );
}

/** What is imported: the file's bytes and name, its format, the title asked for. */
interface Input {
  bytes: Uint8Array;
  file: string;
  format: Format;
  title: string | undefined;
}

async function intoData(
  target: Extract<Target, { kind: 'data' }>,
  { bytes, file, format, title }: Input,
): Promise<Imported> {
  const { LocalMaps } = await import('./local.ts');
  const local = LocalMaps.open(target.dir, target.config, 'write');
  try {
    const { meta, report } = await local.maps
      .import(bytes, format, title === undefined ? {} : { title })
      .catch((error: unknown) => {
        if (error instanceof ModelError) {
          throw new CliFailure(`Could not import ${file}: ${error.message} Check the --title.`);
        }
        if (error instanceof MapImportError) {
          throw new CliFailure(
            `Could not import ${file}: ${error.message.replace(/\.$/, '')}. Check it is ${format.name}, or name its format with --format.`,
          );
        }
        throw error;
      });
    const ownerToken = await local.ownerLink(meta.id);
    return {
      id: meta.id,
      title: meta.title,
      url: `${mapUrl(defaultRelayUrl(target.config), meta.id)}#token=${encodeURIComponent(ownerToken)}`,
      ownerToken,
      import: report,
    };
  } finally {
    await local.close();
  }
}

async function throughRelay(
  target: Extract<Target, { kind: 'url' }>,
  bytes: Uint8Array,
  format: Format,
  title: string | undefined,
): Promise<Imported> {
  const url = relayUrl(target.url, '/api/maps/import');
  url.searchParams.set('format', format.id);
  if (title !== undefined) url.searchParams.set('title', title);
  const res = await callRelay(url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  if (!res.ok) throw await relayFailure(res, 'Importing');
  const answer = importedMapResponseSchema.safeParse(await res.json().catch(() => null));
  if (!answer.success) {
    throw new CliFailure(
      `The relay at ${target.url.origin} answered the import in a form this Warrant does not know; update one of them.`,
    );
  }
  const { id, title: stored, ownerToken, import: report } = answer.data;
  return {
    id,
    title: stored,
    url: `${mapUrl(target.url.href.replace(/\/$/, ''), id)}#token=${encodeURIComponent(ownerToken)}`,
    ownerToken,
    import: report,
  };
}

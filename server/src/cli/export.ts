import {
  EXPORT_FORMAT_IDS,
  formatById,
  readMeta,
  type Format,
  type FormatData,
} from '@warrant/shared';
import { Limits } from '../protocol/constants.ts';
import { MapTooNewError } from '../rooms/MapModel.ts';
import {
  CliFailure,
  parse,
  stringOption,
  TARGET_OPTIONS,
  UsageError,
  type Command,
} from './args.ts';
import { writeOutput, say } from './output.ts';
import { callRelay, relayFailure, relayUrl } from './remote.ts';
import { targetOf, type Target } from './target.ts';

const usage = `Usage: pnpm warrant export <mapId> [--format ${EXPORT_FORMAT_IDS.join('|')}]
                            [--data DIR | --url URL --token TOKEN] [-o FILE]

Writes a map as a file, to standard output or to FILE.

  --format F     ${EXPORT_FORMAT_IDS.join(', ')} (default json, Warrant's own form)
  --data DIR     read the relay's data directory directly (default: the relay's own,
                 WARRANT_DATA or server/data); safe while the relay runs
  --url URL      ask a running relay instead, e.g. http://localhost:8080
  --token TOKEN  with --url: the map's owner or share-link token
  -o, --output   write to FILE instead of standard output`;

export const exportCommand: Command = {
  name: 'export',
  usage,
  async run(argv, io) {
    const parsed = parse(
      argv,
      {
        ...TARGET_OPTIONS,
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
      },
      ['mapId'],
      usage,
    );
    if (parsed.help) return void io.stdout.write(`${usage}\n`);
    const [mapId = ''] = parsed.positionals;
    const format = exportFormat(stringOption(parsed, 'format') ?? 'json');
    const target = targetOf(parsed, io, usage);
    const file =
      target.kind === 'data'
        ? await fromData(target, mapId, format)
        : await fromRelay(target, mapId, format);
    const where = await writeOutput(file.body, stringOption(parsed, 'output'), io);
    say(io, `Exported “${file.title}” as ${format.name} to ${where}.`);
  },
};

type Exporter = Format & Required<Pick<Format, 'export'>>;

function exportFormat(id: string): Exporter {
  const format = formatById(id);
  if (format?.export) return { ...format, export: format.export };
  throw new UsageError(
    `There is no export format "${id}"; use one of ${EXPORT_FORMAT_IDS.join(', ')}.`,
    usage,
  );
}

async function fromData(
  target: Extract<Target, { kind: 'data' }>,
  mapId: string,
  format: Exporter,
): Promise<{ body: FormatData; title: string }> {
  const { LocalMaps } = await import('./local.ts');
  const local = LocalMaps.open(target.dir, target.config, 'read');
  try {
    const file = Limits.mapIdPattern.test(mapId)
      ? await local.maps.read(mapId, (doc) => ({
          body: format.export(doc),
          title: readMeta(doc).title,
        }))
      : null;
    if (!file) {
      throw new CliFailure(
        `No map "${mapId}" in ${target.dir}. \`pnpm warrant list --data ${target.dir}\` lists the maps there.`,
      );
    }
    return file;
  } catch (error) {
    if (error instanceof MapTooNewError) {
      throw new CliFailure(`${error.message} Update Warrant to export this map.`);
    }
    throw error;
  } finally {
    await local.close();
  }
}

async function fromRelay(
  target: Extract<Target, { kind: 'url' }>,
  mapId: string,
  format: Exporter,
): Promise<{ body: FormatData; title: string }> {
  const url = relayUrl(target.url, `/api/maps/${encodeURIComponent(mapId)}/export`);
  url.searchParams.set('format', format.id);
  const headers: Record<string, string> = target.token
    ? { authorization: `Bearer ${target.token}` }
    : {};
  const res = await callRelay(url, { headers });
  if (!res.ok) throw await relayFailure(res, `Exporting map "${mapId}"`);
  const body = new Uint8Array(await res.arrayBuffer());
  return {
    body,
    title: titleFromDisposition(res.headers.get('content-disposition'), format) ?? mapId,
  };
}

/** The title back from `Content-Disposition: attachment; filename="<title>.<ext>"`, for the message. */
function titleFromDisposition(header: string | null, format: Format): string | undefined {
  const encoded = header && /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  const plain = header && /filename="([^"]*)"/i.exec(header)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : plain;
  return name
    ? name.replace(new RegExp(`\\.${format.extension.replace('.', '\\.')}$`), '')
    : undefined;
}

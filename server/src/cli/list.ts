import { mapListResponseSchema } from '@warrant/shared';
import { CliFailure, parse, TARGET_OPTIONS, type Command, type Io } from './args.ts';
import { say } from './output.ts';
import { callRelay, relayFailure, relayUrl } from './remote.ts';
import { targetOf } from './target.ts';

const usage = `Usage: pnpm warrant list [--data DIR | --url URL]

Prints one line per map, most recently updated first: id, last update, title.

  --data DIR  every map in the relay's data directory (default: the relay's own,
              WARRANT_DATA or server/data); safe while the relay runs
  --url URL   the maps a running relay lists to everyone (the sample); private maps
              are never listed over HTTP`;

export const listCommand: Command = {
  name: 'list',
  usage,
  async run(argv, io) {
    const parsed = parse(argv, { data: TARGET_OPTIONS.data, url: TARGET_OPTIONS.url }, [], usage);
    if (parsed.help) return void io.stdout.write(`${usage}\n`);
    const target = targetOf(parsed, io, usage);
    if (target.kind === 'data') {
      const { LocalMaps } = await import('./local.ts');
      const local = LocalMaps.open(target.dir, target.config, 'read');
      try {
        const maps = await local.maps.list();
        for (const m of maps) print(io, m.id, new Date(m.updatedAt).toISOString(), m.title);
        say(io, `${maps.length} maps in ${target.dir}.`);
      } finally {
        await local.close();
      }
      return;
    }
    const res = await callRelay(relayUrl(target.url, '/api/maps'));
    if (!res.ok) throw await relayFailure(res, 'Listing maps');
    const answer = mapListResponseSchema.safeParse(await res.json().catch(() => null));
    if (!answer.success) {
      throw new CliFailure(
        `${target.url.origin} did not answer like a Warrant relay; check the --url.`,
      );
    }
    for (const m of answer.data.maps) print(io, m.id, m.updatedAt, m.title);
    say(
      io,
      `${answer.data.maps.length} public maps on ${target.url.origin}; private maps are not listed.`,
    );
  },
};

function print(io: Io, ...fields: string[]): void {
  io.stdout.write(`${fields.map((f) => f.replace(/[\t\r\n]+/g, ' ')).join('\t')}\n`);
}

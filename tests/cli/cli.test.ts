import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warrant } from '../helpers/cli.ts';
import type { RelayProcess } from '../helpers/relay.ts';
import { newRelay } from '../helpers/relay.ts';

const ARGDOWN = [
  '# Collective security',
  '',
  '[NATO]: NATO is a collective security mechanism.',
  '  <- [Defensive]: NATO is a defensive alliance.',
  '  <+ [Article 5]: Article 5 binds every member.',
].join('\n');

interface MapJson {
  title: string;
  claims: { text: string }[];
}

const claimTexts = (json: Buffer) =>
  (JSON.parse(json.toString('utf8')) as MapJson).claims.map((c) => c.text).sort();

describe('pnpm warrant', () => {
  /** A relay's data directory holding the sample map; the relay is stopped between tests. */
  let relay: RelayProcess;
  let data: string;
  let sampleId: string;
  let work: string;

  beforeAll(async () => {
    relay = await newRelay();
    data = relay.dataDir;
    const res = await relay.fetch('/api/maps');
    sampleId = ((await res.json()) as { maps: { id: string }[] }).maps[0]?.id ?? '';
    expect(sampleId).not.toBe('');
    await relay.kill('SIGTERM');
    work = mkdtempSync(join(tmpdir(), 'warrant-cli-'));
  });

  afterAll(async () => {
    await relay.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('exports the sample map from a data directory in every format, stdout and -o alike', async () => {
    const expected: Record<string, (out: Buffer) => void> = {
      json: (out) => expect(claimTexts(out).length).toBeGreaterThan(5),
      argdown: (out) => expect(out.toString()).toMatch(/^\[.+\]: NATO/m),
      aif: (out) => {
        const aif = JSON.parse(out.toString()) as { nodes: unknown[]; edges: unknown[] };
        expect(aif.nodes.length).toBeGreaterThan(5);
      },
      md: (out) => expect(out.toString()).toMatch(/^# Is NATO a collective security mechanism/),
    };
    await Promise.all(
      Object.entries(expected).map(async ([format, check]) => {
        const run = await warrant(['export', sampleId, '--format', format, '--data', data]);
        expect(run.code, run.stderr).toBe(0);
        check(run.stdout);
        expect(run.stderr).toMatch(/^Exported “Is NATO/);
        const file = `sample.${format}`;
        const saved = await warrant(
          ['export', sampleId, '-f', format, '--data', data, '-o', file],
          {
            cwd: work,
          },
        );
        expect(saved.code, saved.stderr).toBe(0);
        expect(saved.stdout.byteLength).toBe(0);
        expect(readFileSync(join(work, file)).equals(run.stdout)).toBe(true);
      }),
    );
  });

  it('imports an Argdown file into a data directory, and exports it back as JSON with its claims', async () => {
    writeFileSync(join(work, 'debate.argdown'), ARGDOWN);
    const imported = await warrant(
      ['import', 'debate.argdown', '--data', data, '--title', 'Seminar'],
      {
        cwd: work,
      },
    );
    expect(imported.code, imported.stderr).toBe(0);
    const answer = JSON.parse(imported.stdout.toString()) as {
      id: string;
      title: string;
      url: string;
      ownerToken: string;
      import: { format: string; claims: number; relations: number };
    };
    expect(answer).toMatchObject({
      title: 'Seminar',
      import: { format: 'argdown', claims: 3, relations: 2 },
    });
    expect(answer.url).toContain(`/maps/${answer.id}#token=${answer.ownerToken}`);
    const exported = await warrant(['export', answer.id, '--data', data]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(claimTexts(exported.stdout)).toEqual([
      'Article 5 binds every member.',
      'NATO is a collective security mechanism.',
      'NATO is a defensive alliance.',
    ]);
    const listed = await warrant(['list', '--data', data]);
    expect(listed.code, listed.stderr).toBe(0);
    const ids = listed.stdout
      .toString()
      .trim()
      .split('\n')
      .map((line) => line.split('\t')[0]);
    expect(ids).toEqual(expect.arrayContaining([sampleId, answer.id]));

    // The relay started on that directory serves the imported map to its owner token.
    await relay.restart();
    try {
      const res = await relay.fetch(`/api/maps/${answer.id}`, {
        headers: { authorization: `Bearer ${answer.ownerToken}` },
      });
      expect(res.status).toBe(200);
    } finally {
      await relay.kill('SIGTERM');
    }
  });

  it('reads a data directory beside a running relay, and refuses to import into it', async () => {
    await relay.restart();
    try {
      const exported = await warrant(['export', sampleId, '--data', data, '--format', 'md']);
      expect(exported.code, exported.stderr).toBe(0);
      const before = await warrant(['list', '--data', data]);
      writeFileSync(join(work, 'busy.argdown'), ARGDOWN);
      const refused = await warrant(['import', join(work, 'busy.argdown'), '--data', data]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^warrant: A relay is running on .+--url/);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect((await warrant(['list', '--data', data])).stdout.equals(before.stdout)).toBe(true);
    } finally {
      await relay.kill('SIGTERM');
    }
  });

  it('imports through a running relay with --url and exports the map back with its token', async () => {
    const live = await newRelay();
    try {
      const imported = await warrant(
        ['import', '-', '--format', 'argdown', '--url', live.httpUrl, '--title', 'Over HTTP'],
        { stdin: ARGDOWN },
      );
      expect(imported.code, imported.stderr).toBe(0);
      const { id, title, url, ownerToken } = JSON.parse(imported.stdout.toString()) as {
        id: string;
        title: string;
        url: string;
        ownerToken: string;
      };
      expect(title).toBe('Over HTTP');
      expect(url).toBe(`${live.httpUrl}/maps/${id}#token=${ownerToken}`);
      const exported = await warrant(['export', id, '--url', live.httpUrl, '--token', ownerToken]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(claimTexts(exported.stdout)).toHaveLength(3);
      expect(exported.stderr).toContain('Exported “Over HTTP”');

      const noToken = await warrant(['export', id, '--url', live.httpUrl]);
      expect(noToken.code).toBe(1);
      expect(noToken.stderr).toMatch(
        /^warrant: Exporting map .+ answered 401: .+ with --token\.\n$/,
      );

      const listed = await warrant(['list', '--url', live.httpUrl]);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout.toString()).not.toContain(id);
    } finally {
      await live.dispose();
    }
  });

  it('answers a command line it cannot follow with exit 2 and the usage', async () => {
    const cases = [
      [],
      ['frobnicate'],
      ['export'],
      ['export', sampleId, '--format', 'docx'],
      ['export', sampleId, '--colour'],
      ['export', sampleId, '--data', data, '--url', 'http://localhost:1'],
      ['import', 'x.argdown', '--format', 'md'],
      ['list', 'extra'],
    ];
    // Independent runs, in parallel: each pays the CLI's start-up.
    const runs = await Promise.all(cases.map((args) => warrant(args)));
    for (const [i, run] of runs.entries()) {
      const args = cases[i] ?? [];
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^warrant: .+\n\nUsage: pnpm warrant/);
      expect(run.stdout.byteLength).toBe(0);
    }
    const help = await warrant(['import', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.toString()).toMatch(/^Usage: pnpm warrant import <FILE>/);
  });

  it('fails with one line saying what to do for an unknown map, a missing data directory, a relay it cannot reach', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['export', 'NoSuchMap0000000', '--data', data],
        /No map "NoSuchMap0000000" in .+pnpm warrant list/,
      ],
      [['export', '../../etc', '--data', data], /No map "\.\.\/\.\.\/etc"/],
      [['list', '--data', join(work, 'nowhere')], /No Warrant data in .+nowhere.+--data DIR/],
      [
        ['export', sampleId, '--url', 'http://127.0.0.1:9'],
        /Could not reach the relay at http:\/\/127\.0\.0\.1:9/,
      ],
      [
        ['import', join(work, 'missing.argdown'), '--data', data],
        /Could not read .+missing\.argdown \(ENOENT\)/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await warrant(args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^warrant: ${message.source}.*\\n$`));
    }
  });

  it('refuses a file that is not UTF-8 or not the format, and stores no map', async () => {
    const before = (await warrant(['list', '--data', data])).stdout;
    const latin1 = Buffer.concat([
      Buffer.from('[A]: caf'),
      Buffer.from([0xe9]),
      Buffer.from(' au lait\n'),
    ]);
    writeFileSync(join(work, 'latin1.argdown'), latin1);
    writeFileSync(join(work, 'broken.json'), '{"format": "warrant-map", "claims": [');
    for (const [file, message] of [
      ['latin1.argdown', /not UTF-8/],
      ['broken.json', /Could not import/],
    ] as const) {
      const run = await warrant(['import', file, '--data', data], { cwd: work });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await warrant(['list', '--data', data])).stdout.equals(before)).toBe(true);
  });

  it('refuses a non-JSON file past 10 MB before reading it as a map', async () => {
    const big = `[A]: ${'x'.repeat(10_000_001)}\n`;
    writeFileSync(join(work, 'big.argdown'), big);
    const run = await warrant(['import', 'big.argdown', '--data', data], { cwd: work });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/at most 10 MB/);
  });
});

import { buildSampleMap } from '@warrant/fixtures';
import { addClaim, connect, mapStats, readMeta, setTitle } from '@warrant/shared';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newClient } from '../helpers/client.ts';
import type { RelayProcess } from '../helpers/relay.ts';
import { newRelay } from '../helpers/relay.ts';
import { waitFor } from '../helpers/wait.ts';

const BODY_LIMIT = 256 * 1024;

interface PublicMap {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  schemaVersion?: number;
  stats?: { claims: number; relations: number; sources: number; passages: number };
}

describe('HTTP API', () => {
  let relay: RelayProcess;
  const post = (path: string, body: unknown, type = 'application/json') =>
    relay.fetch(path, {
      method: 'POST',
      headers: { 'content-type': type },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const getJson = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const res = await relay.fetch(path);
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    relay = await newRelay({
      env: {
        WARRANT_MAX_BODY_BYTES: String(BODY_LIMIT),
        WARRANT_CLIENT_DIST: join(tmpdir(), 'warrant-no-client-here'),
      },
    });
  });
  afterAll(async () => {
    await relay?.dispose();
  });

  it('creates the sample NATO map on first start of an empty data directory, once', async () => {
    const expected = new Y.Doc();
    buildSampleMap(expected);
    const { body } = await getJson<{ maps: PublicMap[] }>('/api/maps');
    expect(body.maps.map((m) => m.title)).toEqual([readMeta(expected).title]);
    const sample = await getJson<PublicMap>(`/api/maps/${body.maps[0]?.id}`);
    expect(sample.body.stats).toMatchObject({
      claims: mapStats(expected).claims,
      sources: mapStats(expected).sources,
    });
    expect(sample.body.stats?.claims).toBeGreaterThan(0);
    await relay.restart();
    expect((await getJson<{ maps: PublicMap[] }>('/api/maps')).body.maps).toHaveLength(1);
  });

  it('creates a map: 201 with its id, then reports its metadata and counts', async () => {
    const res = await post('/api/maps', { title: '  Seminar week 4  ' });
    expect(res.status).toBe(201);
    const created = (await res.json()) as PublicMap;
    expect(created.title).toBe('Seminar week 4');
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(res.headers.get('location')).toBe(`/api/maps/${created.id}`);
    const { status, body } = await getJson<PublicMap>(`/api/maps/${created.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: created.id,
      title: 'Seminar week 4',
      createdAt: created.createdAt,
      stats: { claims: 0, relations: 0, sources: 0, passages: 0 },
    });
    expect(body.schemaVersion).toBeGreaterThan(0);
  });

  it('reports what collaborators have committed, live', async () => {
    const { id } = (await (await post('/api/maps', { title: 'Live' })).json()) as PublicMap;
    const c = newClient(relay, id);
    await c.synced();
    addClaim(c.doc, { text: 'NATO deters aggression' });
    await waitFor(
      async () =>
        (await getJson<PublicMap>(`/api/maps/${id}`)).body.stats?.claims === 1 &&
        (await getJson<{ claims: unknown[] }>(`/api/maps/${id}/export`)).body.claims.length === 1,
      { what: 'the API to see the claim' },
    );
    c.destroy();
  });

  it('describes a map under its new title as soon as a collaborator renames it', async () => {
    // The public list holds only public maps (see auth.test.ts); a private map's
    // metadata is read with its token, and must follow the document just the same.
    const { id } = (await (await post('/api/maps', { title: 'Draft' })).json()) as PublicMap;
    const c = newClient(relay, id);
    await c.synced();
    setTitle(c.doc, 'Final title');
    await waitFor(
      async () => (await getJson<PublicMap>(`/api/maps/${id}`)).body.title === 'Final title',
      { what: 'the map to be described under its new title' },
    );
    expect(
      (await getJson<{ maps: PublicMap[] }>('/api/maps')).body.maps.map((m) => m.id),
    ).not.toContain(id);
    c.destroy();
  });

  it('refuses bad bodies with 400 and a message saying what is wrong', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{}, 'application/json', /title/],
      [{ title: '' }, 'application/json', /title.*empty/],
      [{ title: '   ' }, 'application/json', /title/],
      [{ title: 42 }, 'application/json', /title/],
      [{ title: 'x'.repeat(201) }, 'application/json', /title/],
      [[1, 2], 'application/json', /body|expected object/i],
      ['{"title": ', 'application/json', /not valid JSON/],
      ['title=x', 'application/x-www-form-urlencoded', /body|expected object/i],
    ];
    for (const [body, type, message] of cases) {
      const res = await post('/api/maps', body, type);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const json = (await res.json()) as { error: string };
      expect(json.error).toMatch(message);
      expect(JSON.stringify(json)).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('answers 404 for unknown maps and routes', async () => {
    for (const path of [
      '/api/maps/AAAAAAAAAAAAAAAA',
      '/api/maps/AAAAAAAAAAAAAAAA/export',
      '/api/maps/not%20an%20id',
      '/api/nothing-here',
    ]) {
      const res = await relay.fetch(path);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: string }).error).toBeTruthy();
    }
  });

  it('refuses a body over the limit with 413 and a clear JSON message', async () => {
    const res = await post('/api/maps/import', { title: 'big', pad: 'x'.repeat(BODY_LIMIT) });
    expect(res.status).toBe(413);
    const json = (await res.json()) as { error: string };
    expect(json.error).toMatch(/too large.*262144 bytes/);
  });

  it('exports a map as JSON and imports it back as a new, equal map', async () => {
    const { body: list } = await getJson<{ maps: PublicMap[] }>('/api/maps');
    const sample = list.maps.find((m) => m.title.includes('NATO'));
    const exported = await getJson<Record<string, unknown>>(`/api/maps/${sample?.id}/export`);
    expect(exported.status).toBe(200);
    const res = await post('/api/maps/import', exported.body);
    expect(res.status).toBe(201);
    const imported = (await res.json()) as PublicMap;
    expect(imported.id).not.toBe(sample?.id);
    expect(imported.title).toBe(sample?.title);
    const again = await getJson<Record<string, unknown>>(`/api/maps/${imported.id}/export`);
    expect(again.body).toEqual(exported.body);
  });

  it('exports Warrant JSON by default and by ?format=json, as a file named after the map', async () => {
    const id = await relay.createMap('Seminar: "week 5"?');
    const plain = await relay.fetch(`/api/maps/${id}/export`);
    const named = await relay.fetch(`/api/maps/${id}/export?format=json`);
    for (const res of [plain, named]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        'attachment; filename="Seminar week 5.json"',
      );
    }
    const text = await plain.text();
    expect(await named.text()).toBe(text);
    expect(JSON.parse(text)).toMatchObject({ format: 'warrant-map', title: 'Seminar: "week 5"?' });
  });

  it('refuses an unknown export format with 400 naming the formats it knows', async () => {
    const id = await relay.createMap('Formats');
    for (const query of [
      '?format=xml',
      '?format=JSON',
      '?format=toString',
      '?format=json&format=xml',
    ]) {
      const res = await relay.fetch(`/api/maps/${id}/export${query}`);
      expect(res.status, query).toBe(400);
      const { error } = (await res.json()) as { error: string };
      expect(error, query).toMatch(/export format.*Known formats: json \(Warrant JSON\)/);
    }
    const xml = await relay.fetch(`/api/maps/${id}/export?format=xml`);
    expect(((await xml.json()) as { error: string }).error).toMatch(/no export format "xml"/);
  });

  it('reports passages it re-anchored only fuzzily and passages it could not find', async () => {
    const body = 'Article 51 of the UN Charter.19 NATO is a defensive alliance. More follows.';
    const passage = (id: string, exact: string) => ({
      id,
      source: 'src',
      selector: [
        { type: 'TextQuoteSelector', exact, prefix: 'Article 51 ', suffix: ' More follows.' },
        { type: 'TextPositionSelector', start: 11, end: 11 + exact.length },
      ],
      author: 'ann',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const json = {
      format: 'warrant-map',
      version: 1,
      title: 'Import report',
      createdAt: '2026-01-01T00:00:00.000Z',
      claims: [],
      relations: [],
      sources: [
        {
          id: 'src',
          title: 'Reeder',
          authors: [],
          issued: '2023',
          kind: 'journal article',
          text: body,
          author: 'ann',
          createdAt: '2026-01-01T00:00:00.000Z',
        },
      ],
      passages: [
        passage('exact', 'of the UN Charter.19 NATO is a defensive alliance.'),
        // The footnote number is missing from the quote: found only fuzzily.
        passage('fuzzy', 'of the UN Charter. NATO is a defensive alliance.'),
        passage('lost', 'The Warsaw Pact was dissolved in 1991.'),
      ],
      evidence: [],
    };
    const res = await post('/api/maps/import', json);
    expect(res.status).toBe(201);
    const created = (await res.json()) as PublicMap & { import: unknown };
    expect(created.import).toEqual({
      format: 'json',
      claims: 0,
      relations: 0,
      passages: 3,
      fuzzy: 1,
      orphaned: [{ id: 'lost', quote: 'The Warsaw Pact was dissolved in 1991.' }],
      notes: [],
    });
    // A map that imports cleanly reports nothing to fix.
    const again = await post('/api/maps/import', { ...json, passages: json.passages.slice(0, 1) });
    expect(((await again.json()) as { import: unknown }).import).toEqual({
      format: 'json',
      claims: 0,
      relations: 0,
      passages: 1,
      fuzzy: 0,
      orphaned: [],
      notes: [],
    });
  });

  it('imports Argdown, AIF and Kialo as raw bodies, telling the format from the content', async () => {
    const argdown = [
      '# Collective security',
      '',
      '[NATO]: NATO is a collective security mechanism.',
      '  <- [Defensive]: NATO is a defensive alliance.',
      '  <+ [Article 5]: Article 5 binds every member.',
    ].join('\n');
    const kialo = [
      'Discussion Title: Should cities ban cars?',
      '',
      '1. Cities should ban cars.',
      '1.1. Pro: Cars pollute the air.',
      '1.2. Con: Some people need cars.',
      '1.2.1. Con: \\(Most) could use transit.',
    ].join('\n');
    const aif = JSON.stringify({
      nodes: [
        { nodeID: 1, text: 'NATO deters attack', type: 'I' },
        { nodeID: '2', text: 'Article 5 binds members', type: 'I' },
        { nodeID: 3, text: 'Default Inference', type: 'RA' },
      ],
      edges: [
        { edgeID: 1, fromID: 2, toID: '3' },
        { edgeID: 2, fromID: 3, toID: 1 },
      ],
      locutions: [],
    });
    for (const [body, format, claims, relations] of [
      [argdown, 'argdown', 3, 2],
      [kialo, 'kialo', 4, 3],
      [aif, 'aif', 2, 1],
    ] as const) {
      const res = await post('/api/maps/import', body, 'text/plain');
      expect(res.status, `${format}: ${await res.clone().text()}`).toBe(201);
      const created = (await res.json()) as PublicMap & {
        import: { format: string; claims: number; relations: number };
      };
      expect(created.import).toMatchObject({ format, claims, relations });
      const described = await getJson<PublicMap>(`/api/maps/${created.id}`);
      expect(described.body.stats).toMatchObject({ claims, relations });
    }
    // Named explicitly, any content type; what has no home in a map is listed, not lost.
    const named = await post(
      '/api/maps/import?format=argdown',
      argdown,
      'application/octet-stream',
    );
    const notes = ((await named.json()) as { import: { notes: { at: string }[] } }).import.notes;
    expect(notes.length).toBeGreaterThan(0);
  });

  it('refuses an import it cannot read with 400, and stores no map', async () => {
    const before = (await getJson<{ maps: PublicMap[] }>('/api/maps')).body.maps.length;
    const cases: [string, string, RegExp][] = [
      ['/api/maps/import', 'just some words', /could not tell what format/],
      ['/api/maps/import?format=xml', '<a/>', /no import format "xml".*argdown/],
      ['/api/maps/import?format=md', '# x', /no import format "md"/],
      ['/api/maps/import?format=argdown', '[A]: fine\n\n<B>: ok\n  _> <C> _> <D>\n', /line 4/],
      ['/api/maps/import?format=kialo', 'no title line', /Kialo/],
      ['/api/maps/import?format=aif', '{"nodes": 3}', /AIF/],
    ];
    for (const [path, body, message] of cases) {
      const res = await post(path, body, 'text/plain');
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
    const bytes = new Uint8Array([0x5b, 0x41, 0x5d, 0x3a, 0x20, 0xff, 0xfe]);
    const binary = await relay.fetch('/api/maps/import?format=argdown', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(binary.status).toBe(400);
    expect(((await binary.json()) as { error: string }).error).toMatch(/not UTF-8/);
    expect((await getJson<{ maps: PublicMap[] }>('/api/maps')).body.maps).toHaveLength(before);
  });

  it('evaluates a map live: a rebuttal rejects its target until it is answered', async () => {
    const created = await post('/api/maps', { title: 'Which claims stand' });
    const { id } = (await created.json()) as PublicMap;
    const client = newClient(relay, id);
    await client.synced();
    const thesis = addClaim(client.doc, { text: 'NATO is a collective security mechanism' });
    const objection = addClaim(client.doc, { text: 'NATO is a defensive alliance' });
    const rebuttal = connect(client.doc, {
      kind: 'rebut',
      premises: [objection],
      target: { claim: thesis },
    });
    type Evaluation = {
      labels: Record<string, string>;
      relations: Record<string, string>;
      checks: { unanswered: string[]; unsupported: string[] };
    };
    const evaluation = async (query = '') =>
      (await getJson<Evaluation>(`/api/maps/${id}/evaluation${query}`)).body;
    await waitFor(async () => (await evaluation()).labels[thesis] === 'rejected', {
      what: 'the rebutted thesis to be rejected',
    });
    const first = await evaluation();
    expect(first.labels[objection]).toBe('accepted');
    expect(first.relations[rebuttal]).toBe('holds');
    expect(first.checks.unanswered).toEqual([rebuttal]);
    // Answering the rebuttal (reinstatement) brings the thesis back.
    const answer = addClaim(client.doc, { text: 'Article 5 binds members against any attack' });
    connect(client.doc, { kind: 'rebut', premises: [answer], target: { claim: objection } });
    await waitFor(async () => (await evaluation()).labels[thesis] === 'accepted', {
      what: 'the thesis reinstated',
    });
    expect((await evaluation('?semantics=preferred')).labels[objection]).toBe('rejected');
    client.destroy();
    for (const query of ['?semantics=stable', '?mode=carneades', '?semantics=']) {
      const res = await relay.fetch(`/api/maps/${id}/evaluation${query}`);
      expect(res.status, query).toBe(400);
    }
    expect((await relay.fetch('/api/maps/NoSuchMapHere1234/evaluation')).status).toBe(404);
  });

  it('exports a map as Argdown, AIF or a Markdown outline, with a content type and file name', async () => {
    const created = await post('/api/maps', { title: 'Export me' });
    const { id } = (await created.json()) as PublicMap;
    const client = newClient(relay, id);
    await client.synced();
    addClaim(client.doc, { text: 'Exported claim' });
    await waitFor(
      async () => (await getJson<PublicMap>(`/api/maps/${id}`)).body.stats?.claims === 1,
      { what: 'the claim to be stored' },
    );
    client.destroy();
    for (const [format, type, extension, contains] of [
      ['argdown', 'text/plain', 'argdown', ': Exported claim'],
      ['aif', 'application/json', 'aif.json', '"text":"Exported claim"'],
      ['md', 'text/markdown', 'md', '## Exported claim'],
    ] as const) {
      const res = await relay.fetch(`/api/maps/${id}/export?format=${format}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('content-disposition')).toContain(`Export me.${extension}`);
      expect((await res.text()).replace(/\s+/g, '')).toContain(contains.replace(/\s+/g, ''));
    }
    const kialo = await relay.fetch(`/api/maps/${id}/export?format=kialo`);
    expect(kialo.status).toBe(400);
    expect(((await kialo.json()) as { error: string }).error).toMatch(/json.*argdown.*aif.*md/);
  });

  it('refuses an import that is not a Warrant map with 400 and the problems found', async () => {
    const res = await post('/api/maps/import', { format: 'something-else', claims: 'no' });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: string; details: string[] };
    expect(json.error).toMatch(/not a valid Warrant map/);
    expect(json.details.length).toBeGreaterThan(0);
  });

  it('serves /healthz, /metrics and, with no built client, a page listing public maps only', async () => {
    expect((await getJson<{ status: string }>('/healthz')).body.status).toBe('ok');
    const metrics = await (await relay.fetch('/metrics')).text();
    for (const name of [
      'warrant_connections',
      'warrant_loaded_maps',
      'warrant_updates_persisted_total',
      'warrant_update_bytes_persisted_total',
      'warrant_commit_seconds_bucket',
      'warrant_rejected_messages_total',
    ]) {
      expect(metrics).toContain(name);
    }
    const page = await (await relay.fetch('/')).text();
    // The sample map is public; private maps (like "Seminar week 4") are never listed.
    expect(page).toContain('Is NATO a collective security mechanism');
    expect(page).not.toContain('Seminar week 4');
  });
});

describe('serving the built client', () => {
  it('serves client/dist with index.html for client routes, leaving /api alone', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'warrant-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root">app</div>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    const relay = await newRelay({ env: { WARRANT_CLIENT_DIST: dist } });
    try {
      expect(await (await relay.fetch('/')).text()).toContain('app</div>');
      expect(await (await relay.fetch('/maps/abc')).text()).toContain('app</div>');
      // The classroom's pages: where a join link points, and an assignment's dashboard.
      expect(await (await relay.fetch('/join/abc')).text()).toContain('app</div>');
      expect(await (await relay.fetch('/assignments/abc')).text()).toContain('app</div>');
      const js = await relay.fetch('/assets/app.js');
      expect(js.headers.get('content-type')).toMatch(/javascript/);
      expect((await relay.fetch('/api/nothing')).status).toBe(404);
      expect((await relay.fetch('/healthz')).status).toBe(200);
    } finally {
      await relay.dispose();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('never lets a browser keep sw.js, the manifest or index.html, and keeps hashed assets for good', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'warrant-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root">app</div>');
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js'), 'console.log(1)');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"Warrant"}');
    const relay = await newRelay({ env: { WARRANT_CLIENT_DIST: dist } });
    try {
      const sw = await relay.fetch('/sw.js');
      expect(sw.status).toBe(200);
      expect(sw.headers.get('content-type')).toMatch(/javascript/);
      expect(sw.headers.get('cache-control')).toBe('no-cache');
      // The worker's own fetches are held to the page's policy: scripts and connections to self.
      expect(sw.headers.get('content-security-policy')).toContain("worker-src 'self'");
      const manifest = await relay.fetch('/manifest.webmanifest');
      expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
      expect(manifest.headers.get('cache-control')).toBe('no-cache');
      for (const path of ['/', '/index.html', '/maps/abc'])
        expect((await relay.fetch(path)).headers.get('cache-control'), path).toBe('no-cache');
      const asset = await relay.fetch('/assets/index-Ab12Cd34.js');
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      // Files of another release are missing here, not the app under their name.
      for (const missing of ['/assets/index-Zz99Yy88.js', '/workbox-0123abcd.js'])
        expect((await relay.fetch(missing)).status, missing).toBe(404);
    } finally {
      await relay.dispose();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

import { NATO_SAMPLE, type NatoClaimKey } from '@warrant/fixtures';
import {
  addClaim,
  API_RESPONSES,
  connect,
  disconnect,
  exportMap,
  importMap,
  listClaims,
  listRelations,
  removeClaim,
  setClaimText,
  type ClaimId,
  type CompareResponse,
  type MapJson,
} from '@warrant/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelayProcess } from '../helpers/relay.ts';
import { newRelay } from '../helpers/relay.ts';

/**
 * `GET /api/maps/:a/compare/:b` on the sample NATO map and a student's copy of it where known
 * claims were removed, added and reworded and known reasons turned around and moved: the
 * report names exactly those, and nothing else.
 */
describe('comparing a copy with the sample map', () => {
  let relay: RelayProcess;
  let sampleId: string;
  let copyId: string;
  const id = {} as Record<NatoClaimKey, ClaimId>;
  let edits: {
    added: ClaimId[];
    turned: string;
    turnedTo: string;
    moved: string;
    movedTo: string;
    cascaded: string[];
  };

  beforeAll(async () => {
    relay = await newRelay();
    const list = API_RESPONSES['GET /api/maps'].parse(
      await (await relay.fetch('/api/maps')).json(),
    );
    sampleId = list.maps[0]?.id ?? '';
    const json = (await (await relay.fetch(`/api/maps/${sampleId}/export`)).json()) as MapJson;
    // The copy is the sample's JSON imported (ids kept, as a copy forked from a template keeps
    // them), edited with the model's operations.
    const { doc } = importMap(json);
    for (const c of NATO_SAMPLE.claims) {
      const found = listClaims(doc).find((x) => x.text === c.text);
      if (!found) throw new Error(`the sample has no claim "${c.text}"`);
      id[c.key] = found.id;
    }
    const relation = (premise: NatoClaimKey) => {
      const r = listRelations(doc).find((x) => x.premises.includes(id[premise]));
      if (!r) throw new Error(`no reason from ${premise}`);
      return r;
    };
    // Removing a claim takes its reasons with it.
    const cascaded = [relation('narrow-membership').id, relation('loose-rhetoric').id];
    removeClaim(doc, id['narrow-membership']);
    removeClaim(doc, id['loose-rhetoric']);
    // Added: a new supporting claim with its reason, and a claim on its own.
    const nuclear = addClaim(doc, {
      text: 'Nuclear sharing arrangements bind the allies in ways no pact of convenience does.',
    });
    const supportNuclear = connect(doc, {
      kind: 'support',
      premises: [nuclear],
      target: { claim: id.archetype },
    });
    const alone = addClaim(doc, { text: 'Enlargement to Finland and Sweden changed the debate.' });
    // Reworded, still citing the same passages: matched, not missing.
    setClaimText(
      doc,
      id.universality,
      'What sets collective security apart is universality, unlike regional or self-defence pacts.',
    );
    // Turned around: the Security Council reply now supports what it rebutted.
    const turned = relation('council-authority').id;
    disconnect(doc, turned);
    const turnedTo = connect(doc, {
      kind: 'support',
      premises: [id['council-authority']],
      target: { claim: id['un-mandates'] },
    });
    // Moved: "no settled definition" now supports the regional reply instead.
    const moved = relation('no-settled-definition').id;
    disconnect(doc, moved);
    const movedTo = connect(doc, {
      kind: 'support',
      premises: [id['no-settled-definition']],
      target: { claim: id['regional-collective-security'] },
    });
    edits = { added: [nuclear, alone], turned, turnedTo, moved, movedTo, cascaded };
    expect(listRelations(doc).map((r) => r.id)).toContain(supportNuclear);
    const res = await relay.fetch('/api/maps/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exportMap(doc)),
    });
    expect(res.status).toBe(201);
    copyId = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await relay?.dispose();
  });

  async function compare(a: string, b: string, init: RequestInit & { auth?: false } = {}) {
    return relay.fetch(`/api/maps/${a}/compare/${b}`, init);
  }

  it('names exactly the claims removed and added, and matches the reworded one', async () => {
    const res = await compare(copyId, sampleId);
    expect(res.status).toBe(200);
    const report: CompareResponse = API_RESPONSES['GET /api/maps/:a/compare/:b'].parse(
      await res.json(),
    );
    expect(report.claims.missing.map((c) => c.id).sort()).toEqual(
      [id['narrow-membership'], id['loose-rhetoric']].sort(),
    );
    expect(report.claims.extra.map((c) => c.id).sort()).toEqual([...edits.added].sort());
    expect(report.claims.matched).toHaveLength(NATO_SAMPLE.claims.length - 2);
    for (const m of report.claims.matched) expect(m.student).toBe(m.reference);
    expect(report.claims.matched.find((m) => m.reference === id.universality)).toMatchObject({
      by: 'passage',
    });
  });

  it('names exactly the reasons turned around, moved, gone with their claims and added', async () => {
    const report = API_RESPONSES['GET /api/maps/:a/compare/:b'].parse(
      await (await compare(copyId, sampleId)).json(),
    );
    expect(report.relations.disagree).toEqual([
      {
        reference: edits.turned,
        student: edits.turnedTo,
        referenceKind: 'rebut',
        studentKind: 'support',
        premises: { missing: [], extra: [] },
      },
    ]);
    expect(report.relations.missing.map((r) => r.id).sort()).toEqual(
      [...edits.cascaded, edits.moved].sort(),
    );
    const extra = report.relations.extra.map((r) => [r.kind, r.premises, r.target]);
    expect(extra).toEqual(
      expect.arrayContaining([
        ['support', [edits.added[0]], { claim: id.archetype }],
        ['support', [id['no-settled-definition']], { claim: id['regional-collective-security'] }],
      ]),
    );
    expect(extra).toHaveLength(2);
    expect(report.relations.agree).toHaveLength(NATO_SAMPLE.relations.length - 4);
    expect(report.reference).toEqual({
      claims: NATO_SAMPLE.claims.length,
      relations: NATO_SAMPLE.relations.length,
    });
    expect(report.score.overall).toBeGreaterThan(0.8);
    expect(report.score.overall).toBeLessThan(1);
  });

  it('scores the sample against itself as 1', async () => {
    const report = API_RESPONSES['GET /api/maps/:a/compare/:b'].parse(
      await (await compare(sampleId, sampleId)).json(),
    );
    expect(report.score.overall).toBe(1);
  });

  it('refuses a map the token cannot read, and a map that does not exist', async () => {
    const privateMap = await relay.createMap('Private reference');
    const token = relay.tokenFor(copyId) ?? '';
    const refused = await compare(copyId, privateMap, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(403);
    expect((await refused.json()) as { error: string }).toMatchObject({
      error: expect.stringMatching(/not public/),
    });
    expect((await compare(copyId, 'AAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await compare(privateMap, sampleId, { auth: false })).status).toBe(401);
    expect((await compare('x', sampleId)).status).toBe(404);
  });
});

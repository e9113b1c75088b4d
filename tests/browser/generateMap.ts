import { addClaim, connect, type ClaimId } from '@warrant/shared';
import type * as Y from 'yjs';

/** A small seeded PRNG (mulberry32), so every run builds the same map. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'alliance treaty security members defence collective council charter region threat guarantee pledge mandate states power law order peace'.split(
    ' ',
  );

/**
 * Fills `doc` with `count` claims in a few pro/con trees: each new claim supports or rebuts
 * an earlier one (a third of them rebuttals), every tenth reason linked with a co-premise.
 * Written in batches so no single update is huge.
 */
export function generateMap(doc: Y.Doc, count: number, seed = 7): ClaimId[] {
  const rand = random(seed);
  const sentence = (i: number) => {
    const n = 6 + Math.floor(rand() * 12);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]);
    return `Claim ${i}: ${words.join(' ')}.`;
  };
  const ids: ClaimId[] = [];
  const roots = Math.max(1, Math.round(count / 250));
  for (let start = 0; start < count; start += 100) {
    doc.transact(() => {
      for (let i = start; i < Math.min(count, start + 100); i++) {
        const id = addClaim(doc, { text: sentence(i), author: 'generator' });
        if (i >= roots) {
          const target = ids[Math.floor(rand() * ids.length)] as ClaimId;
          const kind = rand() < 0.33 ? 'rebut' : 'support';
          const premises = [id];
          if (i % 10 === 0) {
            const co = addClaim(doc, { text: `Co-premise of ${i}.`, author: 'generator' });
            premises.push(co);
            ids.push(co);
            i++;
          }
          connect(doc, { kind, premises, target: { claim: target }, author: 'generator' });
        }
        ids.push(id);
      }
    });
  }
  return ids;
}

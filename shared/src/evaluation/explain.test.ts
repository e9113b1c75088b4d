import { describe, expect, it } from 'vitest';
import { explain } from './explain.ts';
import { newMap } from './testMap.ts';

describe('explain', () => {
  it('walks a reinstatement down to the claim nothing attacks', () => {
    const m = newMap();
    const [a, b, c] = m.claims('a', 'b', 'c') as [string, string, string];
    const rb = m.rebut(b, a);
    const rc = m.rebut(c, b);
    const graph = m.graph();
    expect(explain(graph, m.evaluate(), a)).toEqual({
      claim: a,
      label: 'accepted',
      because: [
        {
          relation: rb,
          kind: 'rebut',
          role: 'rebuttal',
          status: 'fails',
          because: [
            {
              claim: b,
              label: 'rejected',
              because: [
                {
                  relation: rc,
                  kind: 'rebut',
                  role: 'rebuttal',
                  status: 'holds',
                  because: [{ claim: c, label: 'accepted', because: [] }],
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('names the undercut that makes a rebuttal fail', () => {
    const m = newMap();
    const [t, p, u] = m.claims('t', 'p', 'u') as [string, string, string];
    const r = m.rebut(p, t);
    const cut = m.undercut(u, r);
    const why = explain(m.graph(), m.evaluate(), t);
    expect(why?.because[0]).toMatchObject({
      relation: r,
      status: 'fails',
      because: [{ relation: cut, role: 'undercut', status: 'holds' }],
    });
  });

  it('stops at a cycle instead of going round it', () => {
    const m = newMap();
    const [a, b] = m.claims('a', 'b') as [string, string];
    const ra = m.rebut(b, a);
    const rb = m.rebut(a, b);
    expect(explain(m.graph(), m.evaluate(), a)).toEqual({
      claim: a,
      label: 'undecided',
      because: [
        {
          relation: ra,
          kind: 'rebut',
          role: 'rebuttal',
          status: 'undecided',
          because: [
            {
              claim: b,
              label: 'undecided',
              because: [
                {
                  relation: rb,
                  kind: 'rebut',
                  role: 'rebuttal',
                  status: 'undecided',
                  because: [{ claim: a, label: 'undecided', because: [], seeAbove: true }],
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('names the backing or the missing support in burden mode', () => {
    const m = newMap();
    const [t, p] = m.claims('t', 'p') as [string, string];
    m.support(p, t);
    const why = explain(m.graph(), m.evaluate({ mode: 'burden' }), p);
    expect(why).toEqual({ claim: p, label: 'undecided', because: [] });
    expect(explain(m.graph(), m.evaluate({ mode: 'burden' }), t)).toEqual({
      claim: t,
      label: 'accepted',
      because: [],
      backing: 'root',
    });
  });

  it('knows no claim that is not in the map', () => {
    const m = newMap();
    expect(explain(m.graph(), m.evaluate(), 'nope')).toBeUndefined();
  });
});

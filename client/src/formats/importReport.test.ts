import { describe, expect, it } from 'vitest';
import { count, importReportView } from './importReport.ts';

describe('an import’s report', () => {
  it('counts what came in and groups what did not by why', () => {
    const view = importReportView({
      format: 'argdown',
      claims: 3,
      relations: 1,
      passages: 0,
      fuzzy: 1,
      orphaned: [{ id: 'p1', quote: 'lost words' }],
      notes: [
        {
          kind: 'dropped',
          at: 'line 3: heading "Costs"',
          message: 'Warrant maps have no sections',
        },
        { kind: 'approximated', at: 'map', message: 'The map is titled after the first heading.' },
        { kind: 'dropped', at: 'tag #economy', message: 'Warrant has no tags' },
      ],
    });
    expect(view.summary).toBe('Argdown: 3 claims, 1 relation, no passages.');
    expect(view.leftOut.map((n) => n.at)).toEqual(['line 3: heading "Costs"', 'tag #economy']);
    expect(view.approximated).toHaveLength(1);
    expect(view.fuzzy).toBe(1);
    expect(view.orphaned).toEqual([{ id: 'p1', quote: 'lost words' }]);
  });

  it('words counts for people', () => {
    expect([count(0, 'claim'), count(1, 'claim'), count(1200, 'claim')]).toEqual([
      'no claims',
      '1 claim',
      '1,200 claims',
    ]);
  });
});

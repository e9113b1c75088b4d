import { describe, expect, it } from 'vitest';
import {
  forgetTaught,
  instructorToken,
  joinedCopy,
  readTaught,
  rememberJoined,
  rememberTaught,
  retitleTaught,
} from './assignments.ts';

function memory(): Pick<Storage, 'getItem' | 'setItem'> {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const taught = (id: string, createdAt: number) => ({
  id,
  title: `Assignment ${id}`,
  token: `token-${id}`,
  templateMap: `template-${id}`,
  createdAt,
});

describe('assignments kept on this device', () => {
  it('keeps each instructor token once, newest first, until forgotten', () => {
    const s = memory();
    rememberTaught(taught('a', 1), s);
    rememberTaught(taught('b', 2), s);
    rememberTaught({ ...taught('a', 1), title: 'Renamed' }, s);
    expect(readTaught(s).map((a) => [a.id, a.title])).toEqual([
      ['a', 'Renamed'],
      ['b', 'Assignment b'],
    ]);
    expect(instructorToken('b', s)).toBe('token-b');
    retitleTaught('b', 'Week 4', s);
    expect(readTaught(s)[1]?.title).toBe('Week 4');
    forgetTaught('a', s);
    expect(instructorToken('a', s)).toBeUndefined();
  });

  it('leads back to the copy joined for an assignment, one per assignment', () => {
    const s = memory();
    expect(joinedCopy('x', s)).toBeNull();
    rememberJoined(
      { assignment: 'x', copy: 'c1', token: 't1', title: 'Copy', name: 'Ada', group: null },
      s,
    );
    rememberJoined(
      { assignment: 'x', copy: 'c2', token: 't2', title: 'Copy', name: 'Ada', group: 'Blue' },
      s,
    );
    expect(joinedCopy('x', s)).toMatchObject({ copy: 'c2', token: 't2', group: 'Blue' });
  });

  it('ignores what it cannot read instead of failing', () => {
    const s = memory();
    s.setItem('warrant.assignments', '{not json');
    s.setItem('warrant.joined', JSON.stringify([{ assignment: 'x' }, 3]));
    expect(readTaught(s)).toEqual([]);
    expect(joinedCopy('x', s)).toBeNull();
  });
});

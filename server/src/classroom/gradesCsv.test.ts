import { describe, expect, it } from 'vitest';
import { csvCell, gradesCsv } from './gradesCsv.ts';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(4.5)).toBe('4.5');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
  });
});

describe('gradesCsv', () => {
  it('writes one row per student with each score, the total and the feedback', () => {
    const rubric = {
      criteria: [
        { id: 'a', title: 'Sources', description: '', points: 5 },
        { id: 'b', title: 'Reasons', description: '', points: 10 },
      ],
    };
    const copy = {
      mapId: 'm1',
      assignmentId: 'x',
      name: 'Group 1',
      group: 'Group 1',
      createdAt: 0,
      grade: { scores: { a: 4, b: 7 }, feedback: 'Good, mostly', gradedAt: 0 },
      releasedAt: null,
      figures: null,
      lastActivity: null,
    };
    const member = (name: string) => ({
      assignmentId: 'x',
      copyId: 'm1',
      name,
      linkId: name,
      joinedAt: 0,
    });
    expect(gradesCsv(rubric, [{ copy, members: [member('Ada'), member('=Bo')] }])).toBe(
      'student,group,copy,Sources (5),Reasons (10),total,max,feedback,released\r\n' +
        'Ada,Group 1,m1,4,7,11,15,"Good, mostly",\r\n' +
        '\'=Bo,Group 1,m1,4,7,11,15,"Good, mostly",\r\n',
    );
  });
});

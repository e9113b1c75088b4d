import { describe, expect, it } from 'vitest';
import { dispositionFileName } from './download.ts';

describe('the file name from Content-Disposition', () => {
  it('prefers the UTF-8 name over the plain one', () => {
    expect(
      dispositionFileName(
        `attachment; filename="Caf? policy.md"; filename*=UTF-8''Caf%C3%A9%20policy.md`,
      ),
    ).toBe('Café policy.md');
  });

  it('reads a quoted or bare plain name', () => {
    expect(dispositionFileName('attachment; filename="Free tuition.argdown"')).toBe(
      'Free tuition.argdown',
    );
    expect(dispositionFileName('attachment; filename=map.json')).toBe('map.json');
  });

  it('keeps only the last path segment and gives nothing for no name', () => {
    expect(dispositionFileName('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(dispositionFileName('attachment')).toBeUndefined();
    expect(dispositionFileName(null)).toBeUndefined();
  });
});

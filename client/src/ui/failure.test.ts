import { describe, expect, it } from 'vitest';
import { errorMessage, failureText } from './failure.ts';

describe('failureText', () => {
  it('says what did not happen, why, and what to do next', () => {
    expect(
      failureText(new Error('That claim is gone.'), {
        what: 'Could not connect them',
        next: 'Try again.',
      }),
    ).toBe('Could not connect them: That claim is gone. Try again.');
  });

  it('gives the reason alone when there is nothing more to say', () => {
    expect(failureText(new Error('Not found (404).'))).toBe('Not found (404).');
  });

  it('words whatever was thrown, not only errors', () => {
    expect(errorMessage('offline')).toBe('offline');
  });
});

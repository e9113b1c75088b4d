import { describe, expect, it } from 'vitest';
import { Emitter, KeyedEmitter } from './Emitter.ts';

describe('Emitter', () => {
  it('calls each subscriber until it unsubscribes', () => {
    const changed = new Emitter();
    const heard: string[] = [];
    const stop = changed.subscribe(() => heard.push('a'));
    changed.subscribe(() => heard.push('b'));
    changed.emit();
    stop();
    changed.emit();
    expect(heard).toEqual(['a', 'b', 'b']);
  });

  it('wakes only the listeners of the key that changed, and forgets keys nobody listens to', () => {
    const changed = new KeyedEmitter<string>();
    const heard: string[] = [];
    const stop = changed.subscribe('x', () => heard.push('x'));
    changed.subscribe('y', () => heard.push('y'));
    changed.emit('x');
    expect(heard).toEqual(['x']);
    stop();
    expect(changed.has('x')).toBe(false);
    expect(changed.has('y')).toBe(true);
    changed.emit('x');
    expect(heard).toEqual(['x']);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { colorFor, identityFor } from '../device/identity.ts';
import { announce, distinctColor } from './presence.ts';

const made: Awareness[] = [];
afterEach(() => {
  for (const a of made.splice(0)) a.destroy();
});

/** An awareness with a fixed client id (the doc's), so tests can rank people. */
function person(clientId: number, name: string): Awareness {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const awareness = new Awareness(doc);
  made.push(awareness);
  announce(awareness, identityFor(name));
  return awareness;
}

function hear(to: Awareness, from: Awareness): void {
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'remote');
}

/** Two names with one colour, found rather than assumed. */
function clashingNames(): [string, string] {
  const seen = new Map<string, string>();
  for (let i = 0; i < 1000; i++) {
    const name = `Person ${i}`;
    const other = seen.get(colorFor(name));
    if (other) return [other, name];
    seen.set(colorFor(name), name);
  }
  throw new Error('no two names share a colour');
}

describe('distinct colours among people present', () => {
  it('moves the later-ranked of two people with one colour, and only them', () => {
    const [a, b] = clashingNames();
    const first = person(1, a);
    const second = person(2, b);
    hear(first, second);
    hear(second, first);
    expect(distinctColor(first, a)).toBe(colorFor(a));
    const moved = distinctColor(second, b);
    expect(moved).not.toBe(colorFor(a));
  });

  it('keeps its own colour when nobody ranked before shows it', () => {
    const [a, b] = clashingNames();
    const alone = person(5, a);
    expect(distinctColor(alone, a)).toBe(colorFor(a));
    // Someone ranked after with the same colour does not move me.
    const later = person(9, b);
    hear(alone, later);
    expect(distinctColor(alone, a)).toBe(colorFor(a));
  });
});

import { describe, expect, it } from 'vitest';
import { RoomTurns } from './RoomTurns.ts';

describe('RoomTurns', () => {
  it('runs work in the order it arrived, a slow piece holding back the ones after it', async () => {
    const turns = new RoomTurns(() => {});
    const done: string[] = [];
    const slow = turns.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      done.push('slow');
    });
    const fast = turns.run(() => done.push('fast'));
    await Promise.all([slow, fast]);
    expect(done).toEqual(['slow', 'fast']);
  });

  it('goes on after a piece that rejects, which rejects its own caller only', async () => {
    const turns = new RoomTurns(() => {});
    const broken = turns.run(() => Promise.reject(new Error('broke')));
    const next = turns.run(() => 'next');
    await expect(broken).rejects.toThrow('broke');
    await expect(next).resolves.toBe('next');
  });

  it('holds compaction while work waits, and says when it is idle again', async () => {
    const held: boolean[] = [];
    const turns = new RoomTurns((h) => held.push(h));
    expect(turns.busy).toBe(false);
    void turns.run(() => new Promise((resolve) => setTimeout(resolve, 10)));
    void turns.run(() => undefined);
    expect(turns.busy).toBe(true);
    await turns.idle();
    expect(turns.busy).toBe(false);
    expect(held.at(-1)).toBe(false);
    expect(held.filter((h) => !h)).toHaveLength(1);
  });
});

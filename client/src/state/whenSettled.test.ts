import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QUIET_MS, SETTLE_AT_LATEST_MS, SettleGate } from './whenSettled.ts';

/** A gate armed for a map that opens, holding one task that records `name` when it runs. */
function armedWith(name: string) {
  const page = new EventTarget();
  const gate = new SettleGate(page);
  const ran: string[] = [];
  gate.arm();
  gate.run(() => ran.push(name));
  return { gate, ran, page };
}

describe('SettleGate', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds work while a map opens and runs it once the first action has been handled', () => {
    const { gate, ran, page } = armedWith('evaluation');
    gate.shown();
    vi.advanceTimersByTime(QUIET_MS - 100);
    expect(ran).toEqual([]);
    page.dispatchEvent(new Event('pointerup'));
    // Not inside the action itself: its own handlers (the click) go first.
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(ran).toEqual(['evaluation']);
    expect(gate.isSettled()).toBe(true);
  });

  it('settles a quiet moment after the map is shown when nobody acts', () => {
    const { gate, ran } = armedWith('warm-up');
    vi.advanceTimersByTime(QUIET_MS * 2);
    expect(ran).toEqual([]); // not shown yet: still opening
    gate.shown();
    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(500);
    expect(ran).toEqual(['warm-up']);
  });

  it('settles at the latest a while after arming, even if the map never shows', () => {
    const { ran } = armedWith('late');
    vi.advanceTimersByTime(SETTLE_AT_LATEST_MS - 1);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(500);
    expect(ran).toEqual(['late']);
  });

  it('runs work at once (at an idle moment) once settled, and never cancelled work', () => {
    const page = new EventTarget();
    const gate = new SettleGate(page);
    const ran: string[] = [];
    gate.arm();
    const cancel = gate.run(() => ran.push('cancelled'));
    gate.run(() => ran.push('kept'));
    cancel();
    page.dispatchEvent(new Event('keyup'));
    vi.advanceTimersByTime(300);
    expect(ran).toEqual(['kept']);
    gate.run(() => ran.push('after'));
    vi.advanceTimersByTime(300);
    expect(ran).toEqual(['kept', 'after']);
  });

  it('holds again when the next map opens', () => {
    const page = new EventTarget();
    const gate = new SettleGate(page);
    const ran: string[] = [];
    gate.arm();
    page.dispatchEvent(new Event('pointerup'));
    vi.advanceTimersByTime(150); // the action's handlers, then its frame
    expect(gate.isSettled()).toBe(true);
    gate.arm();
    gate.run(() => ran.push('second map'));
    vi.advanceTimersByTime(QUIET_MS);
    expect(ran).toEqual([]);
    page.dispatchEvent(new Event('pointerup'));
    vi.advanceTimersByTime(300);
    expect(ran).toEqual(['second map']);
  });

  it("waits for what the first action asked for (a new claim's caret) before running held work", () => {
    const { gate, ran, page } = armedWith('evaluation');
    gate.shown();
    // "Add claim": its click opens an editor, which takes the focus a task or two later.
    const caretIn = gate.hold();
    page.dispatchEvent(new Event('pointerup'));
    vi.advanceTimersByTime(QUIET_MS * 2);
    expect(ran).toEqual([]);
    expect(gate.isSettled()).toBe(false);
    caretIn();
    // Not in the task that puts the caret in, nor before the frame that draws it.
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(ran).toEqual(['evaluation']);
    expect(gate.isSettled()).toBe(true);
  });

  it("holds work queued on a settled page while a new claim's editor is on its way", () => {
    const page = new EventTarget();
    const gate = new SettleGate(page);
    const ran: string[] = [];
    gate.arm();
    page.dispatchEvent(new Event('keyup'));
    vi.advanceTimersByTime(500);
    expect(gate.isSettled()).toBe(true);
    const caretIn = gate.hold();
    gate.run(() => ran.push('overview'));
    vi.advanceTimersByTime(1000);
    expect(ran).toEqual([]);
    caretIn();
    caretIn(); // twice is once
    vi.advanceTimersByTime(400);
    expect(ran).toEqual(['overview']);
  });

  it('does not settle on a quiet map while something is on its way, only at the latest', () => {
    const { gate, ran } = armedWith('late');
    gate.shown();
    gate.hold(); // never released (its editor failed to load, say)
    vi.advanceTimersByTime(SETTLE_AT_LATEST_MS - 1);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(500);
    expect(ran).toEqual(['late']);
    expect(gate.isSettled()).toBe(true);
  });
});

/**
 * Runs `task` once the page has a moment to spare (`requestIdleCallback`), or after
 * `timeoutMs` at the latest, so work that can wait does not delay what a person is waiting
 * for (a map's first cards, the first keystroke). Returns a function that cancels it.
 */
export function whenIdle(task: () => void, timeoutMs = 1000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  // Safari has no requestIdleCallback: a timer still lets the first paint and input go first.
  const timer = setTimeout(task, Math.min(timeoutMs, 200));
  return () => clearTimeout(timer);
}

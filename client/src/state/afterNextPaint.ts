/**
 * Runs `task` once the next frame has been drawn (or after 100 ms, in a tab that draws no
 * frames because it is hidden, or where there are no frames): a task queued now would
 * otherwise run before that frame. Returns a function that cancels it.
 */
export function afterNextPaint(task: () => void): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    task();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once));
  setTimeout(once, 100);
  return () => {
    done = true;
  };
}

import { useCallback, useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  data: T | null;
  /** The last failure (an Error, usually); the data from before it stays shown. */
  error: Error | null;
  /** Asks again now (after an action that changed what is shown). */
  refresh: () => Promise<void>;
}

/**
 * Something the relay answers, asked again every `intervalMs` while the page is visible (and
 * at once when it becomes visible again), so a view stays live without a socket of its own.
 * A request never overlaps the one before it. `intervalMs` null asks once (and on refresh);
 * changing it keeps what was answered.
 */
export function usePolled<T>(
  load: (() => Promise<T>) | null,
  intervalMs: number | null,
): Polled<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const running = useRef<Promise<void> | null>(null);
  const current = useRef(load);
  current.current = load;

  const refresh = useCallback(async () => {
    const fn = current.current;
    if (!fn) return;
    if (running.current) await running.current;
    const run = fn().then(
      (value) => {
        if (current.current !== fn) return;
        setData(value);
        setError(null);
      },
      (e: unknown) => {
        if (current.current !== fn) return;
        setError(e instanceof Error ? e : new Error(String(e)));
      },
    );
    running.current = run;
    try {
      await run;
    } finally {
      if (running.current === run) running.current = null;
    }
  }, []);

  useEffect(() => {
    if (!load) return;
    setData(null);
    setError(null);
    void refresh();
  }, [load, refresh]);

  useEffect(() => {
    if (!load || intervalMs === null) return;
    const tick = () => {
      if (document.visibilityState === 'visible' && !running.current) void refresh();
    };
    const timer = window.setInterval(tick, intervalMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [load, intervalMs, refresh]);

  return { data, error, refresh };
}

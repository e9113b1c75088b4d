/** A value views can subscribe to (`useSyncExternalStore`-shaped). */
export class Value<T> {
  private readonly listeners = new Set<() => void>();

  constructor(private current: T) {}

  get = (): T => this.current;

  set(next: T): void {
    if (Object.is(next, this.current)) return;
    this.current = next;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

type Listener = () => void;

/**
 * The client's one way to tell views that something changed, shaped for React's
 * `useSyncExternalStore`: `subscribe` is a bound arrow so hooks can pass it as is.
 */
export class Emitter {
  private readonly listeners = new Set<Listener>();

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  emit(): void {
    for (const listener of this.listeners) listener();
  }

  clear(): void {
    this.listeners.clear();
  }
}

/**
 * Listeners per key (a claim, a source): a change to one record wakes only the views that
 * show it, so a thousand cards do not all re-check their snapshot when one changes.
 */
export class KeyedEmitter<K> {
  private readonly listeners = new Map<K, Set<Listener>>();

  subscribe(key: K, listener: Listener): () => void {
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(key) === set) this.listeners.delete(key);
    };
  }

  /** Whether anyone listens to `key`. */
  has(key: K): boolean {
    return this.listeners.has(key);
  }

  emit(key: K): void {
    const set = this.listeners.get(key);
    if (set) for (const listener of set) listener();
  }

  clear(): void {
    this.listeners.clear();
  }
}

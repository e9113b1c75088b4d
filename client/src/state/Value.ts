import { Emitter } from './Emitter.ts';

/** A value views can subscribe to (`useSyncExternalStore`-shaped). */
export class Value<T> {
  private readonly changed = new Emitter();

  constructor(private current: T) {}

  get = (): T => this.current;

  set(next: T): void {
    if (Object.is(next, this.current)) return;
    this.current = next;
    this.changed.emit();
  }

  subscribe = this.changed.subscribe;
}

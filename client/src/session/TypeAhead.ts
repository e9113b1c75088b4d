import type { ClaimId } from '@warrant/shared';
import { Emitter } from '../state/Emitter.ts';

/** A key that edits rather than types: replayed into the editor as that key. */
export type EditKey = 'Backspace' | 'Delete' | 'Enter' | 'Tab' | 'Escape';

/** What was typed while a claim's editor was on its way, in the order it was typed. */
export type Typed = { text: string } | { key: EditKey; shift: boolean };

/**
 * Keystrokes typed between a command that opens a claim's editor ("Add claim", Enter, a
 * double-click) and that editor taking the focus: its code may still be loading, and
 * people type at once. They are kept here, in order, and handed to the editor when it
 * mounts, so none is lost and none is read as a single-key shortcut meanwhile.
 *
 * Backspace right after typed text takes back its last character here; otherwise it is
 * kept as a key, to delete in the claim's existing text once the editor has it.
 */
export class TypeAhead {
  private claim: ClaimId | null = null;
  private typed: Typed[] = [];
  private readonly changed = new Emitter();

  /** Called when keeping starts or stops (not for each keystroke). */
  subscribe = this.changed.subscribe;

  /** Starts keeping keystrokes for `claim`'s editor (forgetting any kept for another). */
  start(claim: ClaimId): void {
    this.claim = claim;
    this.typed = [];
    this.changed.emit();
  }

  /** Stops keeping keystrokes; whatever was kept is dropped. */
  stop(): void {
    if (!this.claim) return;
    this.claim = null;
    this.typed = [];
    this.changed.emit();
  }

  /** Which claim's editor keystrokes are being kept for, if any. */
  pending(): ClaimId | null {
    return this.claim;
  }

  type(text: string): void {
    if (!this.claim || !text) return;
    const last = this.typed[this.typed.length - 1];
    if (last && 'text' in last) last.text += text;
    else this.typed.push({ text });
  }

  press(key: EditKey, shift = false): void {
    if (!this.claim) return;
    const last = this.typed[this.typed.length - 1];
    if (key === 'Backspace' && last && 'text' in last) {
      const chars = [...last.text];
      chars.pop();
      if (chars.length) last.text = chars.join('');
      else this.typed.pop();
      return;
    }
    this.typed.push({ key, shift });
  }

  /**
   * Hands over what was kept for `claim`'s editor and stops keeping; nothing if the
   * keystrokes are being kept for another claim (or none).
   */
  take(claim: ClaimId): Typed[] {
    if (this.claim !== claim) return [];
    const typed = this.typed;
    this.stop();
    return typed;
  }

  /**
   * Puts keystrokes back in front of whatever is being kept now: replaying an Enter opened
   * the next claim's editor, so the keys typed after it belong to that claim.
   */
  requeue(typed: readonly Typed[]): void {
    if (!this.claim || !typed.length) return;
    this.typed = [...typed.map((t) => ({ ...t })), ...this.typed];
  }
}

import { describe, expect, it } from 'vitest';
import { EditorUi } from './EditorUi.ts';
import { TypeAhead } from './TypeAhead.ts';

describe('TypeAhead', () => {
  it('keeps text and edit keys in the order typed, for the claim being opened only', () => {
    const t = new TypeAhead();
    t.type('ignored: nothing is being opened');
    t.start('a');
    t.type('Hel');
    t.type('lo');
    t.press('Enter', true);
    t.type('x');
    expect(t.take('b')).toEqual([]);
    expect(t.take('a')).toEqual([{ text: 'Hello' }, { key: 'Enter', shift: true }, { text: 'x' }]);
    expect(t.pending()).toBeNull();
  });

  it('takes back typed characters with Backspace, and keeps a Backspace beyond them', () => {
    const t = new TypeAhead();
    t.start('a');
    t.type('ab😀');
    t.press('Backspace');
    t.press('Backspace');
    t.press('Backspace');
    t.press('Backspace');
    t.type('c');
    expect(t.take('a')).toEqual([{ key: 'Backspace', shift: false }, { text: 'c' }]);
  });

  it('puts keys a replay left over in front of those kept for the next claim', () => {
    const t = new TypeAhead();
    t.start('next');
    t.type('later');
    t.requeue([{ text: 'earlier ' }]);
    expect(t.take('next')).toEqual([{ text: 'earlier ' }, { text: 'later' }]);
  });

  it('starts with each editor the UI opens and stops when editing stops', () => {
    const ui = new EditorUi();
    const changes: (string | null)[] = [];
    ui.typeAhead.subscribe(() => changes.push(ui.typeAhead.pending()));
    ui.edit('a');
    ui.edit('b');
    ui.edit(null);
    ui.edit('c');
    ui.prune((id) => id !== 'c');
    expect(changes).toEqual(['a', 'b', null, 'c', null]);
  });
});

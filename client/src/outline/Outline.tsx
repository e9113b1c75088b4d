import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { addReason, addRootClaim } from '../session/actions.ts';
import { preloadEditor } from '../editor/LazyClaimEditor.tsx';
import { useSession } from '../session/SessionContext.ts';
import { useForest } from '../session/useForest.ts';
import { useUi } from '../session/useUi.ts';
import { OutlineRowView } from './OutlineRowView.tsx';
import { visibleRows, type OutlineRow } from './rows.ts';
import { settleGate } from '../state/whenSettled.ts';

/**
 * The map as an indented pro/con tree (a WAI-ARIA tree): every claim under the conclusions it
 * bears on. Fully keyboard-operable; the single-key commands (S, R, P, N, Delete, Enter) work
 * on the focused row as they do on the canvas.
 */
export function Outline() {
  const { session, ui } = useSession();
  const trees = useForest();
  const editing = useUi((s) => s.editing);
  const reveal = useUi((s) => s.reveal);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [currentKey, setCurrentKey] = useState<string | null>(null);
  const currentKeyRef = useRef(currentKey);
  currentKeyRef.current = currentKey;

  const rows = useMemo(() => visibleRows(trees, collapsed), [trees, collapsed]);

  // Follow a revealed claim (new, or chosen elsewhere): expand nothing, just move to its row.
  // A claim under two conclusions has two rows: stay on the one the person is on.
  useEffect(() => {
    if (!reveal) return;
    const shows = (r: OutlineRow | undefined) => r?.type === 'claim' && r.claim === reveal.id;
    if (shows(rows.find((r) => r.key === currentKeyRef.current))) return;
    const row = rows.find(shows);
    if (row) setCurrentKey(row.key);
  }, [reveal, rows]);

  useEffect(preloadEditor, []);
  // The map is on screen (as an outline): held work may run once the person has had a go.
  useEffect(() => settleGate.shown(), []);

  const current = rows.find((r) => r.key === currentKey) ?? rows[0];

  // A claim under two conclusions shows in two rows, but gets one live editor: in the
  // current row if that is the claim's, else in its first row. Two editors on one claim
  // would both take the keyboard and both speak for this person's caret.
  const editorRows = useMemo(() => {
    const out = new Map<string, string>();
    for (const r of rows) if (r.type === 'claim' && !out.has(r.claim)) out.set(r.claim, r.key);
    if (current?.type === 'claim') out.set(current.claim, current.key);
    return out;
  }, [rows, current]);

  const focusRow = useCallback(
    (row: OutlineRow) => {
      setCurrentKey(row.key);
      ui.select(
        row.type === 'claim'
          ? { kind: 'claim', id: row.claim }
          : { kind: 'reason', id: row.stance.relation },
      );
    },
    [ui],
  );

  const moveTo = useCallback(
    (row: OutlineRow | undefined) => {
      if (!row) return;
      focusRow(row);
      if (row.type === 'claim') ui.reveal(row.claim);
      else
        requestAnimationFrame(() =>
          document.querySelector<HTMLElement>('.outline-row[tabindex="0"]')?.focus(),
        );
    },
    [focusRow, ui],
  );

  const toggle = useCallback((row: OutlineRow) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(row.key)) next.delete(row.key);
      else next.add(row.key);
      return next;
    });
  }, []);

  const onKey = useCallback(
    (row: OutlineRow, event: KeyboardEvent<HTMLDivElement>) => {
      const index = rows.findIndex((r) => r.key === row.key);
      const expanded = row.hasChildren && !collapsed.has(row.key);
      let handled = true;
      switch (event.key) {
        case 'ArrowDown':
          moveTo(rows[index + 1]);
          break;
        case 'ArrowUp':
          moveTo(rows[index - 1]);
          break;
        case 'Home':
          moveTo(rows[0]);
          break;
        case 'End':
          moveTo(rows[rows.length - 1]);
          break;
        case 'ArrowRight':
          if (row.hasChildren && !expanded) toggle(row);
          else if (expanded) moveTo(rows[index + 1]);
          break;
        case 'ArrowLeft':
          if (expanded) toggle(row);
          else moveTo(rows.find((r) => r.key === row.parent));
          break;
        default:
          handled = false;
      }
      if (handled) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    [rows, collapsed, moveTo, toggle],
  );

  /** Enter at the end of a claim's text: the next reason of the same kind, like an outliner. */
  const enterInEditor = useCallback((): boolean => {
    const row = rows.find((r) => r.type === 'claim' && r.claim === editing);
    if (!row || row.type !== 'claim') return false;
    const stance = row.stance;
    const parent = rows.find((r) => r.key === row.parent);
    let next: string;
    if (!stance) next = addRootClaim(session);
    else if (parent?.type === 'claim')
      next = addReason(session, { claim: parent.claim }, stance.kind).claim;
    else return false;
    ui.edit(next);
    ui.reveal(next);
    return true;
  }, [rows, editing, session, ui]);

  /** Tab while writing a claim: a supporting reason for it (Shift+Tab: a rebuttal). */
  const tabInEditor = useCallback(
    (shift: boolean): boolean => {
      if (!editing) return false;
      const next = addReason(session, { claim: editing }, shift ? 'rebut' : 'support').claim;
      ui.edit(next);
      ui.reveal(next);
      return true;
    },
    [editing, session, ui],
  );

  if (rows.length === 0) {
    return (
      <div className="outline empty">
        <p>
          No claims yet. Press <kbd>N</kbd> or “Add claim” to write the first one.
        </p>
      </div>
    );
  }
  return (
    <div className="outline" role="tree" aria-label="Outline of the argument">
      {rows.map((row) => (
        <OutlineRowView
          key={row.key}
          row={row}
          current={row.key === current?.key}
          hostsEditor={row.type === 'claim' && editorRows.get(row.claim) === row.key}
          expanded={row.hasChildren && !collapsed.has(row.key)}
          onKey={onKey}
          onFocusRow={focusRow}
          onToggle={toggle}
          onEnterInEditor={
            row.type === 'claim' && row.claim === editing ? enterInEditor : undefined
          }
          onTabInEditor={row.type === 'claim' && row.claim === editing ? tabInEditor : undefined}
        />
      ))}
    </div>
  );
}

import type { ClaimId } from '@warrant/shared';
import { AuthoredText } from '../authors/AuthoredText.tsx';
import { useShowingAuthors } from '../authors/useAuthors.ts';
import { LazyClaimEditor } from '../editor/LazyClaimEditor.tsx';
import { StaticRichText } from '../editor/StaticRichText.tsx';
import { ClaimStatusBadge } from './ClaimStatusBadge.tsx';
import { EvidenceChips } from './EvidenceChips.tsx';
import { PeerChips } from './PeerChips.tsx';
import type { ClaimView } from './useClaimView.ts';

interface ClaimBodyProps {
  id: ClaimId;
  view: ClaimView;
  /**
   * Whether this body holds the claim's live editor: this person's, or a read-only one that
   * shows someone else's caret. Cards show static text otherwise, and a claim the outline
   * shows in several rows gets its editor in one only.
   */
  live: boolean;
  /**
   * `card`: the words (none when the canvas is zoomed out too far to read them) and one
   * evidence chip; the card shows who is typing in its head. `row`: the words with all the
   * evidence, then who is typing.
   */
  variant: 'card' | 'row';
  /** The canvas is zoomed out too far to read: no words (unless live) and no evidence. */
  far?: boolean;
  /** Whether the evidence chips are in the Tab order (in the outline's tree, only the current row's). */
  tabbable?: boolean;
  /** The editor closed (Escape, or a failed editor's "Close the editor"). */
  onDone: () => void;
  onEnter?: () => boolean;
  onTab?: (shift: boolean) => boolean;
}

const PLACEHOLDER = {
  card: 'Empty claim — double-click to write',
  row: 'Empty claim — press Enter to write',
} as const;

/**
 * One claim's body, the same on the canvas and in the outline: its words as static rich text,
 * or a live editor while someone types in it; its evidence; the people typing in it.
 */
export function ClaimBody({
  id,
  view,
  live,
  variant,
  far = false,
  tabbable = true,
  onDone,
  onEnter,
  onTab,
}: ClaimBodyProps) {
  const { content, text, editingHere, editors } = view;
  const showingAuthors = useShowingAuthors();
  const words = live ? (
    <LazyClaimEditor
      id={id}
      content={content}
      editable={editingHere}
      label={`Claim text${text ? `: ${text.slice(0, 60)}` : ''}`}
      onDone={onDone}
      onEnter={onEnter}
      onTab={onTab}
    />
  ) : showingAuthors && text ? (
    <AuthoredText claim={id} content={content} />
  ) : (
    <StaticRichText doc={content} placeholder={PLACEHOLDER[variant]} />
  );
  if (variant === 'card') {
    return (
      <>
        <div className="claim-text" title={live || !text ? undefined : text}>
          {far && !live ? null : words}
        </div>
        {far ? null : <EvidenceChips claim={id} max={1} />}
        <ClaimStatusBadge id={id} />
      </>
    );
  }
  return (
    <>
      <div className="outline-text">
        {words}
        <EvidenceChips claim={id} tabbable={tabbable} />
        <ClaimStatusBadge id={id} />
      </div>
      <PeerChips peers={editors} verb="editing" />
    </>
  );
}

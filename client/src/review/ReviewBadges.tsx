import type { ClaimId, MarkKind, MarkView, SuggestionView } from '@warrant/shared';
import { useReview } from './ReviewContext.ts';
import { commentCount, MARK_ICONS, MARK_WORDS } from './panelItems.ts';
import { useClaimReview } from './useClaimReview.ts';

const SUGGESTED: Record<string, string> = {
  rewording: 'Suggested rewording',
  support: 'Suggested support',
  rebut: 'Suggested rebuttal',
};

export function suggestionWord(s: SuggestionView): string {
  return SUGGESTED[s.kind === 'rewording' ? 'rewording' : s.stance] ?? 'Suggestion';
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Marks of one kind by everyone, as one badge: its shape, its word, how many people. */
function MarkBadge({ kind, marks }: { kind: MarkKind; marks: readonly MarkView[] }) {
  const who = marks.map((m) => `${m.author.name}${m.note ? `: ${m.note}` : ''}`).join('\n');
  return (
    <span className={`review-mark ${kind}`} title={`${MARK_WORDS[kind]}, marked by ${who}`}>
      <span aria-hidden="true">{MARK_ICONS[kind]}</span> {MARK_WORDS[kind]}
      {marks.length > 1 ? <span className="review-mark-n"> ×{marks.length}</span> : null}
    </span>
  );
}

/**
 * A claim's review layer on its card or outline row: how many open threads ("2 comments",
 * a button that opens them), its review marks as badges (a shape and a word each, never
 * colour alone), and the open suggestions about it with their proposed text, in place.
 */
export function ReviewBadges({
  claim,
  variant,
  tabbable = true,
}: {
  claim: ClaimId;
  variant: 'card' | 'row';
  tabbable?: boolean;
}) {
  const review = useReview();
  const { openThreads, marks, suggestions } = useClaimReview(claim);
  if (!review || (openThreads === 0 && marks.length === 0 && suggestions.length === 0)) {
    return null;
  }
  const kinds = new Map<MarkKind, MarkView[]>();
  for (const m of marks) kinds.set(m.kind, [...(kinds.get(m.kind) ?? []), m]);
  const max = variant === 'card' ? 60 : 120;
  return (
    <div className={`review-badges ${variant}`}>
      {openThreads > 0 ? (
        <button
          type="button"
          className="review-count nodrag"
          tabIndex={tabbable ? 0 : -1}
          title="Show the comments on this claim"
          onClick={() => review.setUi({ panel: true, filter: 'open' })}
        >
          <span aria-hidden="true">💬</span> {commentCount(openThreads)}
        </button>
      ) : null}
      {[...kinds].map(([kind, list]) => (
        <MarkBadge key={kind} kind={kind} marks={list} />
      ))}
      {suggestions.map((s) => (
        <span
          key={s.id}
          className="review-suggestion"
          title={`${suggestionWord(s)} by ${s.author.name}: ${s.text}`}
        >
          <span aria-hidden="true">✎</span> {suggestionWord(s)}: “{clip(s.text, max)}”
        </span>
      ))}
    </div>
  );
}

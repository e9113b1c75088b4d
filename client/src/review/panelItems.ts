import type {
  ClaimId,
  MarkKind,
  MarkView,
  PassageId,
  PlacedThread,
  ThreadFilter,
  TargetKind,
} from '@warrant/shared';
import type { ThreadListFilter } from './ReviewSession.ts';

/** The model's thread filter for the panel's Open / Resolved / Mine choice. */
export function threadFilterFor(filter: ThreadListFilter, me: string): ThreadFilter {
  switch (filter) {
    case 'open':
      return { status: 'open' };
    case 'resolved':
      return { status: 'resolved' };
    case 'mine':
      return { status: 'all', involving: me };
  }
}

const NOUN: Record<TargetKind, string> = { claim: 'claim', relation: 'reason', passage: 'passage' };

/**
 * What a thread is on, in words: "On claim: <its text>", "On a reason", or, when what it was
 * on is gone, "On a deleted claim" (reason, passage), so it can no longer be jumped to.
 */
export function targetLabel(
  thread: Pick<PlacedThread, 'target' | 'targetExists'>,
  claimText: (id: ClaimId) => string,
  passageQuote: (id: PassageId) => string = () => '',
): string {
  const noun = NOUN[thread.target.kind];
  if (!thread.targetExists) return `On a deleted ${noun}`;
  if (thread.target.kind === 'claim') {
    const text = clip(claimText(thread.target.id));
    return text ? `On claim: ${text}` : 'On a claim';
  }
  if (thread.target.kind === 'passage') {
    const quote = clip(passageQuote(thread.target.id));
    return quote ? `On passage: “${quote}”` : 'On a passage';
  }
  return `On a ${noun}`;
}

function clip(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > 80 ? `${t.slice(0, 79)}…` : t;
}

/** The claims with at least one mark of `kind`, each with those marks, in map order given. */
export function claimsMarked(
  marks: ReadonlyMap<ClaimId, readonly MarkView[]>,
  kind: MarkKind,
): { claim: ClaimId; marks: MarkView[] }[] {
  const out: { claim: ClaimId; marks: MarkView[] }[] = [];
  for (const [claim, list] of marks) {
    const matching = list.filter((m) => m.kind === kind);
    if (matching.length) out.push({ claim, marks: matching });
  }
  return out;
}

export const MARK_WORDS: Record<MarkKind, string> = {
  'needs-evidence': 'Needs evidence',
  unclear: 'Unclear',
  strong: 'Strong',
  'off-topic': 'Off topic',
};

/** A shape per mark besides its word: badges never rely on colour. */
export const MARK_ICONS: Record<MarkKind, string> = {
  'needs-evidence': '⚑',
  unclear: '?',
  strong: '★',
  'off-topic': '↷',
};

/** "1 comment", "2 comments". */
export function commentCount(n: number): string {
  return `${n} comment${n === 1 ? '' : 's'}`;
}

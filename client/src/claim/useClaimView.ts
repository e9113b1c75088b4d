import type { ClaimId, RichDoc } from '@warrant/shared';
import { plainText } from '../editor/StaticRichText.tsx';
import type { Peer } from '../session/presence.ts';
import { useClaimContent } from '../session/useClaimContent.ts';
import { useClaimEditors } from '../session/useClaimEditors.ts';
import { useUi } from '../session/useUi.ts';

/** What every view of one claim shows: its words, and who is typing in it. */
export interface ClaimView {
  content: RichDoc | undefined;
  /** The words without formatting, for names and tooltips. */
  text: string;
  /** This person has the claim's editor open. */
  editingHere: boolean;
  /** The other people typing in it right now. */
  editors: readonly Peer[];
}

/** One claim as the canvas card and the outline row read it; re-renders only when it changes. */
export function useClaimView(id: ClaimId): ClaimView {
  const content = useClaimContent(id);
  const editingHere = useUi((s) => s.editing === id);
  const editors = useClaimEditors(id);
  return { content, text: plainText(content), editingHere, editors };
}

import { claimCreator, type ClaimId } from '@warrant/shared';
import { useSession } from '../session/SessionContext.ts';
import { AuthorMark } from './AuthorMark.tsx';
import { useAuthors, useShowingAuthors } from './useAuthors.ts';

/** On a claim card while authors are shown: who created the claim, by the relay's record. */
export function ClaimAuthorChip({ claim }: { claim: ClaimId }) {
  const showing = useShowingAuthors();
  const { store } = useAuthors();
  const { session } = useSession();
  if (!showing) return null;
  const author = claimCreator(session.doc, claim, store.authorOf);
  const look = author ? store.looks.get(author) : undefined;
  return <AuthorMark look={look} label={`Created by ${look?.name ?? 'someone not on record'}`} />;
}

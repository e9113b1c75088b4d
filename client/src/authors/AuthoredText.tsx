import { claimTextRuns, type ClaimId, type RichDoc } from '@warrant/shared';
import { Fragment, useMemo } from 'react';
import { withMarks } from '../editor/StaticRichText.tsx';
import { useSession } from '../session/SessionContext.ts';
import { useAuthors } from './useAuthors.ts';

/**
 * A claim's words with who wrote each run: underlined in the author's colour and line style
 * (never colour alone), named in a tooltip and for screen readers, in their own formatting
 * (bold, links…; paragraphs become line breaks). `content` re-renders it as the text changes.
 */
export function AuthoredText({ claim, content }: { claim: ClaimId; content: RichDoc | undefined }) {
  const { session } = useSession();
  const { store, state } = useAuthors();
  const runs = useMemo(
    () => claimTextRuns(session.doc, claim, store.authorOf) ?? [],
    // The store's mapping changes with its data; the runs with the claim's content.
    [session.doc, claim, content, state.data, store],
  );
  return (
    <p className="authored-text">
      {runs.map((run, i) => {
        if (run.text === '\n') return <br key={i} />;
        const look = run.author ? store.looks.get(run.author) : undefined;
        const name = look?.name ?? 'someone not on record';
        return (
          <Fragment key={i}>
            <span
              className="authored-run"
              title={`Written by ${name}`}
              style={
                look
                  ? { textDecorationColor: look.color, textDecorationStyle: look.underline }
                  : { textDecorationStyle: 'solid', textDecorationColor: 'transparent' }
              }
            >
              {withMarks(run.text, run.marks)}
            </span>
            <span className="visually-hidden"> ({name})</span>
          </Fragment>
        );
      })}
    </p>
  );
}

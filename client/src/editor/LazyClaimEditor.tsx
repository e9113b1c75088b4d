import type { RichDoc } from '@warrant/shared';
import { lazy, Suspense } from 'react';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import type { ClaimEditorProps } from './ClaimEditor.tsx';
import { StaticRichText } from './StaticRichText.tsx';
import { whenIdle } from '../state/whenIdle.ts';

const load = () => import('./ClaimEditor.tsx');
const ClaimEditor = lazy(() => load().then((m) => ({ default: m.ClaimEditor })));

/**
 * Tiptap and ProseMirror are a third of the app's code and only needed once someone edits,
 * so they load after the map is on screen (`preloadEditor`) rather than before it.
 */
export function preloadEditor(): void {
  void load().then(warmUpOnce);
}

let warmed = false;
/** Once per page, at an idle moment: the first real editor then mounts without compiling. */
function warmUpOnce(editor: { warmUpEditor: () => void }): void {
  if (warmed) return;
  warmed = true;
  whenIdle(() => {
    try {
      editor.warmUpEditor();
    } catch (error) {
      // Only a head start: the real editor reports its own failures.
      console.warn('Warming up the claim editor failed.', error);
    }
  }, 3000);
}

/**
 * The claim's editor, loaded on demand. Should it fail, the card keeps its text and says
 * so, with a way out; the rest of the map carries on.
 */
export function LazyClaimEditor(props: ClaimEditorProps & { content: RichDoc | undefined }) {
  const { content, ...rest } = props;
  const still = <StaticRichText doc={content} placeholder="" />;
  return (
    <ErrorBoundary
      resetKeys={[rest.id, rest.editable]}
      fallback={(error, reset) =>
        rest.editable ? (
          <div className="editor-failed nodrag nopan">
            {still}
            <p role="alert">
              This claim’s editor stopped working ({error.message}). Nothing else was lost.
            </p>
            <button
              type="button"
              onClick={() => {
                reset();
                rest.onDone?.();
              }}
            >
              Close the editor
            </button>
          </div>
        ) : (
          still
        )
      }
    >
      <Suspense fallback={still}>
        <ClaimEditor {...rest} />
      </Suspense>
    </ErrorBoundary>
  );
}

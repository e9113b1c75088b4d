import type { RichDoc } from '@warrant/shared';
import { Suspense, use } from 'react';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import type * as EditorCode from './ClaimEditor.tsx';
import type { ClaimEditorProps } from './ClaimEditor.tsx';
import { StaticRichText } from './StaticRichText.tsx';
import { whenSettled } from '../state/whenSettled.ts';

type EditorModule = typeof EditorCode;

/** The editor's module once it has arrived: an editor then mounts in the render that asks. */
let loaded: EditorModule | null = null;
let loading: Promise<EditorModule> | null = null;
/** Fetches the editor's code once; after a failure (offline, say) the next call tries again. */
function load(): Promise<EditorModule> {
  loading ??= import('./ClaimEditor.tsx').then(
    (m) => (loaded = m),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * The editor, from the module if it is here; else suspends until it is. Not `React.lazy`:
 * that starts its import on its first render, so even with the code long loaded the first
 * editor (after "Add claim") rendered a fallback and mounted a task later.
 */
function ClaimEditor(props: ClaimEditorProps) {
  const { ClaimEditor: Editor } = loaded ?? use(load());
  return <Editor {...props} />;
}

/**
 * Tiptap and ProseMirror are a third of the app's code and only needed once someone edits,
 * so they load after the map is on screen (`preloadEditor`) rather than before it.
 */
export function preloadEditor(): void {
  void load().then(warmUpOnce);
}

let warmed = false;
/**
 * Once per page, when the opening map has settled (`whenSettled`): later editors then mount
 * without compiling. Not sooner: on a map just opened, a warm-up of 80–190 ms landed on the
 * person's first click, which costs more than the first editor compiling its own code.
 */
function warmUpOnce(editor: { warmUpEditor: () => void }): void {
  if (warmed) return;
  warmed = true;
  whenSettled(() => {
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

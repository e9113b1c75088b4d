import type { RichDoc } from '@warrant/shared';
import { lazy, Suspense } from 'react';
import type { ClaimEditorProps } from './ClaimEditor.tsx';
import { StaticRichText } from './StaticRichText.tsx';

const load = () => import('./ClaimEditor.tsx');
const ClaimEditor = lazy(() => load().then((m) => ({ default: m.ClaimEditor })));

/**
 * Tiptap and ProseMirror are a third of the app's code and only needed once someone edits,
 * so they load after the map is on screen (`preloadEditor`) rather than before it.
 */
export function preloadEditor(): void {
  void load();
}

export function LazyClaimEditor(props: ClaimEditorProps & { content: RichDoc | undefined }) {
  const { content, ...rest } = props;
  return (
    <Suspense fallback={<StaticRichText doc={content} placeholder="" />}>
      <ClaimEditor {...rest} />
    </Suspense>
  );
}

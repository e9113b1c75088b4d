import { lazy, Suspense, type ComponentType } from 'react';

/**
 * A component whose code loads the first time it is shown, not with the page: for panels and
 * dialogs a visit may never open. Until it has loaded, a "Loading…" status stands in its
 * place (its own Suspense boundary, so the rest of the page stays as it is). The service
 * worker keeps every chunk, so it opens offline too.
 */
export function onDemand<P extends object>(
  load: () => Promise<ComponentType<P>>,
  name: string,
): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }));
  function OnDemand(props: P) {
    return (
      <Suspense
        fallback={
          <span className="on-demand-wait" role="status">
            Loading…
          </span>
        }
      >
        <Lazy {...props} />
      </Suspense>
    );
  }
  OnDemand.displayName = `OnDemand(${name})`;
  return OnDemand;
}

import { useEffect } from 'react';
import { setSelection } from '../session/presence.ts';
import { useSession } from '../session/SessionContext.ts';

/** Keys that scroll the outline: pressing one there is moving one's own view. */
const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown']);

/**
 * Both halves of following, for the views that do not own a viewport: this person's
 * selection and view mode go into their presence for anyone following them; and while they
 * follow someone, that person's view mode and selection become theirs (in the outline, the
 * selected row is scrolled into sight). Scrolling the outline themselves stops following;
 * the canvas stops it on its own pan and zoom.
 */
export function useFollowSync(): void {
  const { session, ui } = useSession();

  useEffect(() => {
    let selection: unknown;
    let view: unknown;
    const publish = () => {
      const state = ui.get();
      if (state.selection !== selection) {
        selection = state.selection;
        setSelection(session.awareness, state.selection);
      }
      if (state.view !== view) {
        view = state.view;
        // Switching view oneself (following switches it to the leader's) stops following.
        const leader = session.follow.get();
        if (leader?.view && leader.view.mode !== state.view) session.follow.stop();
        // The canvas sends the map's rectangle itself, once it is laid out.
        if (state.view === 'outline') session.viewPublisher.publish({ mode: 'outline' });
      }
    };
    publish();
    return ui.subscribe(publish);
  }, [session, ui]);

  useEffect(() => {
    const { follow } = session;
    let frame = 0;
    const apply = () => {
      const leader = follow.get();
      if (!leader) return;
      if (leader.view) ui.setView(leader.view.mode);
      if (leader.selection === undefined) return;
      ui.select(leader.selection);
      if (ui.get().view !== 'outline') return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() =>
        document.querySelector('.outline-row.selected')?.scrollIntoView({ block: 'nearest' }),
      );
    };
    apply();
    const unsubscribe = follow.subscribe(apply);
    const inOutline = (target: EventTarget | null) =>
      target instanceof Element && target.closest('.outline') !== null;
    const mine = (event: Event) => {
      if (!follow.get() || !inOutline(event.target)) return;
      if (event instanceof KeyboardEvent && !SCROLL_KEYS.has(event.key)) return;
      follow.stop();
    };
    document.addEventListener('wheel', mine, { passive: true, capture: true });
    document.addEventListener('touchmove', mine, { passive: true, capture: true });
    document.addEventListener('keydown', mine, { capture: true });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
      document.removeEventListener('wheel', mine, { capture: true });
      document.removeEventListener('touchmove', mine, { capture: true });
      document.removeEventListener('keydown', mine, { capture: true });
    };
  }, [session, ui]);
}

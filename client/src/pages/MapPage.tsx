import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { EditorUi } from '../session/EditorUi.ts';
import { preloadEditor } from '../editor/LazyClaimEditor.tsx';
import type { Identity } from '../device/identity.ts';
import { rememberMap } from '../device/recentMaps.ts';
import { SessionContext } from '../session/SessionContext.ts';
import { useMapSession } from '../session/useMapSession.ts';
import { MapView } from './MapView.tsx';
import { RELOAD_CODES } from '../sync/closeReasons.ts';
import { RelayRefusedError } from '../sync/MapConnection.ts';
import { ReviewContext } from '../review/ReviewContext.ts';
import { useReviewSession } from '../review/useReviewSession.ts';
import { appUpdate } from '../offline/AppUpdate.ts';
import { dismissFirstPaint, openingMap } from '../offline/firstPaint.ts';
import { settleGate } from '../state/whenSettled.ts';

/** Opens one map and shows it once it is ready (synced, or loaded from this device). */
export function MapPage({
  mapId,
  token,
  grading,
  me,
  navigate,
  onRename,
}: {
  mapId: string;
  token?: string;
  /** The assignment whose copy this is, when its instructor opened it to grade. */
  grading?: string | undefined;
  me: Identity;
  navigate: (url: string) => void;
  onRename: (name: string) => void;
}) {
  const state = useMapSession(mapId, me, token);
  // Work that can wait (the evaluation, the editor's warm-up) waits until this map has opened
  // and the person has had a first go at it. A layout effect: it runs before any view's
  // effect asks for such work.
  useLayoutEffect(() => settleGate.arm(), [mapId]);
  // Fetch the editor's code while the map itself syncs, so the first edit does not wait.
  useEffect(preloadEditor, []);
  const ui = useMemo(() => new EditorUi(), []);
  const session = state?.session;
  const ready = state?.status === 'ready';
  // The review layer (comments, marks, suggestions) opens with the map and closes with it.
  // Opened afresh when the relay may now let it in (a student's copy, once feedback is out).
  const [reviewAttempt, setReviewAttempt] = useState(0);
  const review = useReviewSession(ready && session ? session : null, reviewAttempt);
  const reopenReview = useCallback(() => setReviewAttempt((n) => n + 1), []);

  useEffect(() => {
    if (!ready || !session) return;
    const remember = () => {
      const title = session.store.getStructure().title;
      rememberMap({ id: mapId, title, ...(token ? { token } : {}) });
      document.title = title ? `${title} · Warrant` : 'Warrant';
    };
    remember();
    return session.store.subscribeStructure(remember);
  }, [ready, session, mapId, token]);

  // The picture of this map from the device (`firstPaint`) goes when the map will not show.
  const failed = state?.status === 'error';
  useEffect(() => {
    if (failed) dismissFirstPaint();
  }, [failed]);
  useEffect(() => openingMap({ mapId, token, grading }), [mapId, token, grading]);

  if (!state || state.status === 'loading') {
    return (
      <div className="page-message" role="status">
        Opening the map…
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="page-message" role="alert">
        <h1>This map cannot be opened</h1>
        <p>{state.error.message}</p>
        <div className="dialog-actions start centered">
          {state.error instanceof RelayRefusedError && RELOAD_CODES.has(state.error.code) ? (
            <button
              type="button"
              className="primary"
              onClick={() => void appUpdate.reloadToLatest()}
            >
              Reload
            </button>
          ) : null}
          <button type="button" onClick={() => navigate('/')}>
            Back to your maps
          </button>
        </div>
      </div>
    );
  }
  return (
    <SessionContext.Provider value={{ session: state.session, ui }}>
      <ReviewContext.Provider value={review}>
        <MapView
          navigate={navigate}
          onRename={onRename}
          grading={grading}
          onReopenReview={reopenReview}
        />
      </ReviewContext.Provider>
    </SessionContext.Provider>
  );
}

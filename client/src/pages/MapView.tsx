import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { MapCanvas } from '../canvas/MapCanvas.tsx';
import { useSession } from '../session/SessionContext.ts';
import { useCanEdit } from '../session/useCanEdit.ts';
import { usePruneSelection } from '../session/usePruneSelection.ts';
import { useShortcuts } from '../session/useShortcuts.ts';
import { useUi } from '../session/useUi.ts';
import { ConnectDialog } from '../claim/ConnectDialog.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { ExportMenu } from '../formats/ExportMenu.tsx';
import { EvaluationPanel } from '../evaluation/EvaluationPanel.tsx';
import { EvaluationToggles } from '../evaluation/EvaluationToggles.tsx';
import { Notice } from '../ui/Notice.tsx';
import { PeopleList } from './PeopleList.tsx';
import { ReaderPanel } from '../reader/ReaderPanel.tsx';
import { RoleBadge } from './RoleBadge.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { TitleField } from './TitleField.tsx';
import { Toolbar } from './Toolbar.tsx';
import { TypeAheadSink } from '../editor/TypeAheadSink.tsx';
import { CommentsButton } from '../review/CommentsButton.tsx';
import { ReviewBar } from '../review/ReviewBar.tsx';
import { ReviewPanels } from '../review/ReviewPanels.tsx';
import { AssignmentBanner, useCopyFeedback } from '../classroom/AssignmentBanner.tsx';
import { useRole } from '../session/useRole.ts';
import { assignmentPath } from './route.ts';
import { AuthorsButtons } from '../authors/AuthorsButtons.tsx';
import { AuthorsLegend } from '../authors/AuthorsLegend.tsx';
import { AuthorsPanel } from '../authors/AuthorsPanel.tsx';
import { FollowBanner } from '../follow/FollowBanner.tsx';
import { useFollowSync } from '../follow/useFollowSync.ts';
import {
  ComparePanel,
  FeedbackPanel,
  GradingPanel,
  HelpDialog,
  ImportSourceDialog,
  NewAssignmentDialog,
  PrintView,
  ShareDialog,
  VersionsPanel,
} from './panels.ts';

const Outline = lazy(() => import('../outline/Outline.tsx').then((m) => ({ default: m.Outline })));

/** What the main area shows if the canvas or the outline fails: what happened, and ways on. */
function ViewFailed({
  view,
  error,
  retry,
  switchView,
}: {
  view: 'map' | 'outline';
  error: Error;
  retry: () => void;
  switchView: () => void;
}) {
  return (
    <div className="page-message view-failed" role="alert">
      <h2>The {view === 'map' ? 'map view' : 'outline'} stopped working</h2>
      <p>
        {error.message}. The map itself is safe: your changes are kept on this device and sent as
        usual.
      </p>
      <div className="dialog-actions start centered">
        <button type="button" className="primary" onClick={retry}>
          Try again
        </button>
        <button type="button" onClick={switchView}>
          {view === 'map' ? 'Show the outline' : 'Show the map'}
        </button>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    </div>
  );
}

/** One open map: header, editing toolbar, and the canvas or the outline. */
export function MapView({
  navigate,
  onRename,
  grading,
  onReopenReview,
}: {
  navigate: (url: string) => void;
  onRename: (name: string) => void;
  /** The assignment whose copy this is, opened by its instructor to grade it. */
  grading?: string | undefined;
  /** Opens the review layer afresh (see `useCopyFeedback`). */
  onReopenReview: () => void;
}) {
  const { ui, session } = useSession();
  const view = useUi((s) => s.view);
  const [dialog, setDialog] = useState<'help' | 'share' | 'connect' | 'import' | 'assign' | null>(
    null,
  );
  const role = useRole();
  // An assignment's copy: its banner, and (students) its feedback once released.
  const feedback = useCopyFeedback(session.mapId, session.token, {
    openOnRelease: !grading,
    onReopenReview,
  });
  const [gradingOpen, setGradingOpen] = useState(!!grading);
  const notice = useUi((s) => s.notice);
  const readerOpen = useUi((s) => s.reader !== null);
  const selection = useUi((s) => s.selection);
  const handlers = useMemo(
    () => ({ help: () => setDialog('help'), connect: () => setDialog('connect') }),
    [],
  );
  // The print view covers the map while it is open (the map stays as it was, hidden); back
  // from it, focus returns to "Export…" (`backFromPrint` counts the returns).
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [compareOpen, setCompareOpen] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [backFromPrint, setBackFromPrint] = useState(0);
  useShortcuts(handlers, !printing);
  usePruneSelection();
  useFollowSync();
  const canEdit = useCanEdit();
  // Editing can stop under a person's feet (the relay refused a write): close the editor.
  useEffect(() => {
    if (!canEdit) ui.edit(null);
  }, [canEdit, ui]);

  return (
    <>
      {printing ? (
        <PrintView
          onBack={() => {
            setPrinting(false);
            setBackFromPrint((n) => n + 1);
          }}
        />
      ) : null}
      <div className="map-page" hidden={printing}>
        <header className="map-head">
          <a
            href="/"
            className="home-link"
            aria-label="All maps"
            onClick={(e) => {
              e.preventDefault();
              navigate('/');
            }}
          >
            <span aria-hidden="true">⚖</span>
          </a>
          <TitleField />
          <StatusBadge />
          <RoleBadge />
          <span className="spacer" />
          <PeopleList onRename={onRename} />
          <div className="view-switch" role="group" aria-label="View">
            <button
              type="button"
              aria-label="Map view"
              aria-pressed={view === 'map'}
              aria-keyshortcuts="M"
              onClick={() => ui.setView('map')}
            >
              Map
            </button>
            <button
              type="button"
              aria-label="Outline view"
              aria-pressed={view === 'outline'}
              aria-keyshortcuts="O"
              onClick={() => ui.setView('outline')}
            >
              Outline
            </button>
          </div>
          <EvaluationToggles />
          <button
            type="button"
            aria-label={readerOpen ? 'Close reader' : 'Open reader'}
            aria-pressed={readerOpen}
            onClick={() => (readerOpen ? ui.closeReader() : ui.openReader())}
          >
            Reader
          </button>
          <button
            type="button"
            aria-label="Versions"
            aria-pressed={versionsOpen}
            onClick={() => setVersionsOpen((open) => !open)}
          >
            Versions
          </button>
          <button
            type="button"
            aria-pressed={compareOpen}
            onClick={() => setCompareOpen((open) => !open)}
          >
            Compare with…
          </button>
          <CommentsButton />
          <AuthorsButtons />
          <ExportMenu
            refocus={backFromPrint}
            onPrint={() => {
              ui.edit(null);
              setPrinting(true);
            }}
          />
          <button
            type="button"
            aria-label="Keyboard shortcuts"
            aria-keyshortcuts="?"
            onClick={() => setDialog('help')}
          >
            ?
          </button>
          <button
            type="button"
            className="primary"
            aria-label="Share"
            onClick={() => setDialog('share')}
          >
            Share
          </button>
        </header>
        {/* The map's tools and the review tools share one row while it is wide enough. */}
        <div className="toolbars">
          <Toolbar onConnect={handlers.connect} />
          <ReviewBar />
        </div>
        <AssignmentBanner feedback={feedback} />
        <AuthorsLegend />
        <TypeAheadSink />
        {notice ? <Notice text={notice.text} onDismiss={() => ui.notify(null)} /> : null}
        <FollowBanner />
        <div className="map-body">
          <main className="map-main">
            <ErrorBoundary
              resetKeys={[view]}
              fallback={(error, reset) => (
                <ViewFailed
                  view={view}
                  error={error}
                  retry={() => {
                    ui.edit(null);
                    reset();
                  }}
                  switchView={() => ui.setView(view === 'map' ? 'outline' : 'map')}
                />
              )}
            >
              {view === 'map' ? (
                <MapCanvas />
              ) : (
                <Suspense fallback={<div className="canvas-wait">Loading the outline…</div>}>
                  <Outline />
                </Suspense>
              )}
            </ErrorBoundary>
          </main>
          <EvaluationPanel />
          {readerOpen ? <ReaderPanel onImport={() => setDialog('import')} /> : null}
          {versionsOpen ? <VersionsPanel onClose={() => setVersionsOpen(false)} /> : null}
          {compareOpen ? <ComparePanel onClose={() => setCompareOpen(false)} /> : null}
          <ReviewPanels />
          {feedback.data && feedback.released && feedback.feedbackOpen ? (
            <FeedbackPanel
              feedback={feedback.data}
              onClose={() => feedback.setFeedbackOpen(false)}
            />
          ) : null}
          {grading && gradingOpen && session.token ? (
            <GradingPanel
              assignmentId={grading}
              mapId={session.mapId}
              token={session.token}
              onClose={() => setGradingOpen(false)}
            />
          ) : null}
          <AuthorsPanel />
        </div>
        {dialog === 'help' ? <HelpDialog onClose={() => setDialog(null)} /> : null}
        {dialog === 'share' ? (
          <ShareDialog
            onClose={() => setDialog(null)}
            {...(role === 'owner' && session.token ? { onAssign: () => setDialog('assign') } : {})}
          />
        ) : null}
        {dialog === 'assign' && session.token ? (
          <NewAssignmentDialog
            mapId={session.mapId}
            ownerToken={session.token}
            mapTitle={session.store.getStructure().title}
            onClose={() => setDialog(null)}
            onDashboard={(id) => navigate(assignmentPath(id))}
          />
        ) : null}
        {dialog === 'import' ? <ImportSourceDialog onClose={() => setDialog(null)} /> : null}
        {dialog === 'connect' && selection?.kind === 'claim' ? (
          <ConnectDialog from={selection.id} onClose={() => setDialog(null)} />
        ) : null}
      </div>
    </>
  );
}

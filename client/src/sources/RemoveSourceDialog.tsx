import type { SourceView } from '@warrant/shared';
import { deleteSource } from '../session/actions.ts';
import type { SourceReading } from '../session/EvidenceStore.ts';
import { useSession } from '../session/SessionContext.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { failureText, MAP_MAY_HAVE_CHANGED } from '../ui/failure.ts';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Asks before removing a source, saying what goes with it: its quoted passages and the
 * claims' citations of them. The claims themselves stay; Undo brings all of it back.
 */
export function RemoveSourceDialog({
  source,
  reading,
  onClose,
}: {
  source: SourceView;
  reading: SourceReading | undefined;
  onClose: () => void;
}) {
  const { session, ui } = useSession();
  const passages = [...(reading?.passages ?? []), ...(reading?.orphaned ?? [])];
  const citations = passages.reduce((n, p) => n + p.citedBy.length, 0);
  const claims = new Set(passages.flatMap((p) => p.citedBy.map((c) => c.claim))).size;
  const remove = () => {
    try {
      deleteSource(session, source.id);
      ui.notify(`Removed the source “${source.title}”. Undo (Ctrl+Z) brings it back.`);
    } catch (error) {
      ui.notify(
        failureText(error, { what: 'The source was not removed', next: MAP_MAY_HAVE_CHANGED }),
      );
    }
    onClose();
  };
  return (
    <Dialog title="Remove this source?" onClose={onClose}>
      <p>
        <strong>{source.title}</strong> and its text leave the map for everyone.
      </p>
      <p>
        {passages.length === 0
          ? 'No passage of it is quoted, so no claim loses evidence.'
          : `Its ${count(passages.length, 'quoted passage goes', 'quoted passages go')} with it, and with ${passages.length === 1 ? 'it' : 'them'} ${count(citations, 'citation', 'citations')} by ${count(claims, 'claim', 'claims')}. The claims themselves stay, without that evidence.`}
      </p>
      <p className="hint">Undo (Ctrl+Z) brings the source, its passages and citations back.</p>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger primary" onClick={remove}>
          Remove source
        </button>
      </div>
    </Dialog>
  );
}

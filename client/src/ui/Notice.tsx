import { useSession } from '../session/SessionContext.ts';
import { useUi } from '../session/useUi.ts';

/** A failed action's message, announced at once, until the person dismisses it. */
export function Notice() {
  const { ui } = useSession();
  const notice = useUi((s) => s.notice);
  if (!notice) return null;
  return (
    <div className="notice" role="alert">
      <span>{notice.text}</span>
      <button type="button" aria-label="Dismiss message" onClick={() => ui.notify(null)}>
        ×
      </button>
    </div>
  );
}

import { useEffect, useRef } from 'react';
import type { CommandId } from '../session/commands.ts';
import { useCommands } from '../session/useCommands.ts';
import { useUi } from '../session/useUi.ts';
import { useRole } from '../session/useRole.ts';
import { useCanEdit } from '../session/useCanEdit.ts';
import { useRefusedWrites } from '../session/useRefusedWrites.ts';
import { useRoleCheck } from '../session/useRoleCheck.ts';
import { useOutdatedCopy } from '../session/useOutdatedCopy.ts';
import type { Role } from '../api/api.ts';
import { Icon, type IconName } from '../ui/Icon.tsx';

interface ButtonSpec {
  id: CommandId;
  label: string;
  /** Shorter words on the button, where the label would make the toolbar wrap. */
  text?: string;
  icon: IconName;
  keys: string;
}

const EDIT: ButtonSpec[] = [
  { id: 'addClaim', label: 'Add claim', icon: 'plus', keys: 'N' },
  { id: 'addSupport', label: 'Add supporting claim', icon: 'support', keys: 'S' },
  { id: 'addRebuttal', label: 'Add rebuttal', icon: 'rebut', keys: 'R' },
  { id: 'addCoPremise', label: 'Add co-premise', icon: 'copremise', keys: 'P' },
  { id: 'leaveReason', label: 'Take out of reason', text: 'Take out', icon: 'unlink', keys: 'U' },
];
const HISTORY: ButtonSpec[] = [
  { id: 'undo', label: 'Undo', icon: 'undo', keys: 'Control+Z' },
  { id: 'redo', label: 'Redo', icon: 'redo', keys: 'Control+Shift+Z' },
];

/** Why there are no editing commands: the relay refused writes, a viewer link, or no role yet. */
function ReadOnlyNote({
  role,
  refused,
  check,
  outdated,
}: {
  role: Role | null;
  refused: string | null;
  check: 'checking' | 'done' | 'failed';
  outdated: boolean;
}) {
  if (outdated && refused === null && role !== 'viewer' && role !== 'commenter') {
    return (
      <div className="toolbar view-only" role="status">
        <strong>Editing waits for the relay.</strong> This is the copy kept on your device, saved by
        an older version of Warrant; it can be changed once the relay sends the updated map.
      </div>
    );
  }
  if (refused !== null) {
    return (
      <div className="toolbar view-only refused" role="status">
        <strong>Read only.</strong> The relay did not take your changes; it says: “{refused}”.
      </div>
    );
  }
  if (role === 'commenter') {
    return (
      <div className="toolbar view-only" role="note">
        <strong>Comment only.</strong> You can read this map and comment on it; ask its owner for an
        editor link to change it.
      </div>
    );
  }
  if (role === 'viewer') {
    return (
      <div className="toolbar view-only" role="note">
        <strong>View only.</strong> You can read this map and see who is here; ask its owner for an
        editor link to change it.
      </div>
    );
  }
  return (
    <div className="toolbar view-only" role="status">
      {check === 'checking' ? (
        'Checking what this link lets you do…'
      ) : check === 'failed' ? (
        <>
          <strong>Editing is off for now.</strong> Warrant could not ask the relay what this link
          lets you do, and has not seen it on this device before; it asks again once the connection
          is back.
        </>
      ) : (
        <>
          <strong>View only.</strong> This link does not let you change the map.
        </>
      )}
    </div>
  );
}

/** The editing commands as buttons, each with its shortcut in the tooltip and aria-keyshortcuts. */
export function Toolbar({ onConnect }: { onConnect: () => void }) {
  const commands = useCommands();
  const selection = useUi((s) => s.selection);
  const focusAdd = useUi((s) => s.focusAddClaim);
  const addClaim = useRef<HTMLButtonElement>(null);
  const role = useRole();
  const canEdit = useCanEdit();
  const refused = useRefusedWrites();
  const check = useRoleCheck();
  const outdated = useOutdatedCopy();
  useEffect(() => {
    if (focusAdd) addClaim.current?.focus();
  }, [focusAdd]);
  if (!canEdit)
    return <ReadOnlyNote role={role} refused={refused} check={check} outdated={outdated} />;
  const button = (b: ButtonSpec) => {
    const why = commands.whyNot(b.id);
    return (
      <button
        key={b.id}
        ref={b.id === 'addClaim' ? addClaim : undefined}
        type="button"
        className="tool"
        aria-label={b.label}
        aria-keyshortcuts={b.keys}
        aria-description={why ?? undefined}
        title={`${b.label} (${b.keys.replace('Control', 'Ctrl')})${why ? ` — ${why}` : ''}`}
        disabled={why !== null}
        onClick={() => commands.run(b.id)}
      >
        <Icon name={b.icon} />
        <span className="tool-text">{b.text ?? b.label}</span>
      </button>
    );
  };
  const whyNotConnect = commands.whyNot('connect');
  const whyNotDelete = commands.whyNot('delete');
  const deleteLabel = selection?.kind === 'reason' ? 'Delete reason' : 'Delete claim';
  return (
    <div className="toolbar" role="toolbar" aria-label="Editing">
      {EDIT.map(button)}
      <button
        type="button"
        className="tool"
        aria-label="Connect to a claim"
        aria-keyshortcuts="C"
        aria-description={whyNotConnect ?? undefined}
        title={`Connect the selected claim to another one (C)${whyNotConnect ? ` — ${whyNotConnect}` : ''}`}
        disabled={whyNotConnect !== null}
        onClick={onConnect}
      >
        <Icon name="connect" />
        <span className="tool-text">Connect to…</span>
      </button>
      <button
        type="button"
        className="tool danger"
        aria-label={deleteLabel}
        aria-keyshortcuts="Delete"
        aria-description={whyNotDelete ?? undefined}
        title={`${deleteLabel} (Delete)${whyNotDelete ? ` — ${whyNotDelete}` : ''}`}
        disabled={whyNotDelete !== null}
        onClick={() => commands.run('delete')}
      >
        <Icon name="trash" />
        <span className="tool-text">{deleteLabel}</span>
      </button>
      <span className="sep" aria-hidden="true" />
      {HISTORY.map(button)}
    </div>
  );
}

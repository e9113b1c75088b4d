import { useState } from 'react';
import { useSession } from '../session/SessionContext.ts';
import { usePeers } from '../session/usePeers.ts';
import { NameDialog } from './NameDialog.tsx';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('');
}

/** Who is here: me first, then everyone else, each in their colour. */
export function PeopleList({ onRename }: { onRename: (name: string) => void }) {
  const { session } = useSession();
  const peers = usePeers();
  const [renaming, setRenaming] = useState(false);
  const everyone = [
    { clientId: -1, name: session.me.name, color: session.me.color, editing: null },
    ...peers,
  ];
  return (
    <>
      <ul className="people" aria-label={`People here: ${everyone.length}`}>
        {everyone.map((p) => {
          const you = p.clientId === -1;
          const label = `${p.name}${you ? ' (you)' : ''}${p.editing ? ', editing a claim' : ''}`;
          return (
            <li key={p.clientId} className="avatar" style={{ background: p.color }} title={label}>
              {you ? (
                <button
                  type="button"
                  className="avatar-button"
                  aria-label={`${label}: change your name`}
                  onClick={() => setRenaming(true)}
                >
                  <span aria-hidden="true">{initials(p.name)}</span>
                </button>
              ) : (
                <>
                  <span aria-hidden="true">{initials(p.name)}</span>
                  <span className="sr-only">{label}</span>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {renaming ? (
        <NameDialog
          initial={session.me.name}
          onCancel={() => setRenaming(false)}
          onSubmit={(name) => {
            setRenaming(false);
            if (name !== session.me.name) onRename(name);
          }}
        />
      ) : null}
    </>
  );
}

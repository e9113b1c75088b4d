import { useState } from 'react';
import { useSession } from '../session/SessionContext.ts';
import { usePeers } from '../session/usePeers.ts';
import { useLeader } from '../follow/useLeader.ts';
import { NameDialog } from './NameDialog.tsx';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('');
}

/**
 * Who is here: me first, then everyone else, each in their colour. Another person's avatar
 * follows them (their view and selection become this person's), or stops following them.
 */
export function PeopleList({ onRename }: { onRename: (name: string) => void }) {
  const { session } = useSession();
  const peers = usePeers();
  const leader = useLeader();
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
                  <button
                    type="button"
                    className={
                      leader?.clientId === p.clientId ? 'avatar-button leading' : 'avatar-button'
                    }
                    aria-label={`Follow ${p.name}`}
                    aria-pressed={leader?.clientId === p.clientId}
                    title={`${label}: follow their view`}
                    onClick={() =>
                      leader?.clientId === p.clientId
                        ? session.follow.stop()
                        : session.follow.follow(p.clientId)
                    }
                  >
                    <span aria-hidden="true">{initials(p.name)}</span>
                  </button>
                  {p.editing ? <span className="sr-only">{p.name} is editing a claim</span> : null}
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

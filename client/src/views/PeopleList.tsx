import { useSession } from '../hooks/SessionContext.ts';
import { usePeers } from '../hooks/usePeers.ts';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('');
}

/** Who is here: me first, then everyone else, each in their colour. */
export function PeopleList() {
  const { session } = useSession();
  const peers = usePeers();
  const everyone = [
    { clientId: -1, name: session.me.name, color: session.me.color, editing: null },
    ...peers,
  ];
  return (
    <ul className="people" aria-label={`People here: ${everyone.length}`}>
      {everyone.map((p) => (
        <li
          key={p.clientId}
          className="avatar"
          style={{ background: p.color }}
          title={`${p.name}${p.clientId === -1 ? ' (you)' : ''}${p.editing ? ' — editing a claim' : ''}`}
        >
          <span aria-hidden="true">{initials(p.name)}</span>
          <span className="sr-only">
            {p.name}
            {p.clientId === -1 ? ' (you)' : ''}
            {p.editing ? ', editing a claim' : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

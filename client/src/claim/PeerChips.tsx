import type { Peer } from '../session/presence.ts';

/** Small name chips in each person's colour ("Ana editing"). */
export function PeerChips({ peers, verb }: { peers: readonly Peer[]; verb: string }) {
  if (peers.length === 0) return null;
  return (
    <span className="peer-chips">
      {peers.map((p) => (
        <span key={p.clientId} className="peer-chip" style={{ background: p.color }}>
          {p.name} {verb}
        </span>
      ))}
    </span>
  );
}

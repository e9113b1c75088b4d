import { useSession } from '../session/SessionContext.ts';
import { useLeader } from './useLeader.ts';

/** Says whom this person follows, and how to stop. */
export function FollowBanner() {
  const { session } = useSession();
  const leader = useLeader();
  if (!leader) return null;
  return (
    <div className="follow-banner" role="status" style={{ borderColor: leader.color }}>
      <span>Following {leader.name} — pan to stop</span>
      <button type="button" onClick={() => session.follow.stop()}>
        Stop following
      </button>
    </div>
  );
}

import type { Role } from '../api/api.ts';
import { useRole } from '../session/useRole.ts';

const WORDS = {
  owner: 'Owner',
  editor: 'Editor',
  commenter: 'Comment only',
  viewer: 'View only',
} as const satisfies Record<Role, string>;

/** The current role, once the relay has said; nothing on a relay without roles. */
export function RoleBadge() {
  const role = useRole();
  if (!role) return null;
  return (
    <span className={`role-badge ${role}`} title="Your rights on this map">
      {WORDS[role]}
    </span>
  );
}

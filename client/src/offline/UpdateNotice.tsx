import { useState } from 'react';
import { appUpdate } from './AppUpdate.ts';
import { useAppUpdate } from './useAppUpdate.ts';

/**
 * "A new version of Warrant is ready": announced, never forced. Reloading is the person's
 * choice (their edits are on this device and with the relay either way); "Later" hides it
 * until the next update check finds another version.
 */
export function UpdateNotice() {
  const ready = useAppUpdate();
  const [reloading, setReloading] = useState(false);
  if (!ready) return null;
  return (
    <div className="update-notice" role="status" aria-live="polite">
      <span>A new version of Warrant is ready.</span>
      <button
        type="button"
        className="primary"
        disabled={reloading}
        onClick={() => {
          setReloading(true);
          void appUpdate.reload();
        }}
      >
        Reload
      </button>
      <button type="button" onClick={() => appUpdate.dismiss()}>
        Later
      </button>
    </div>
  );
}

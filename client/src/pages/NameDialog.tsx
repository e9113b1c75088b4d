import { useState } from 'react';
import { Dialog } from '../ui/Dialog.tsx';

/** Asked once per device: the name others see next to your caret and on claims you edit. */
export function NameDialog({
  onSubmit,
  initial = '',
  onCancel,
}: {
  onSubmit: (name: string) => void;
  initial?: string;
  /** Given when changing an existing name: the dialog can then be dismissed. */
  onCancel?: () => void;
}) {
  const [name, setName] = useState(initial);
  const trimmed = name.trim();
  return (
    <div className={onCancel ? undefined : 'page-backdrop'}>
      <Dialog
        title="What should others call you?"
        onClose={onCancel ?? (() => undefined)}
        closable={!!onCancel}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (trimmed) onSubmit(trimmed.slice(0, 40));
          }}
        >
          <p>
            Your name shows next to your cursor and on claims you are editing. It stays on this
            device.
          </p>
          <label className="field">
            <span>Your name</span>
            <input
              autoFocus
              value={name}
              maxLength={40}
              onChange={(e) => setName(e.target.value)}
              autoComplete="name"
            />
          </label>
          <div className="dialog-actions">
            <button type="submit" className="primary" disabled={!trimmed}>
              Continue
            </button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}

import { SHORTCUT_HELP } from '../session/shortcuts.ts';
import { Dialog } from '../ui/Dialog.tsx';

export function HelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} wide>
      <div className="help-groups">
        {SHORTCUT_HELP.map((g) => (
          <section key={g.group}>
            <h3>{g.group}</h3>
            <dl>
              {g.items.map((i) => (
                <div key={i.keys} className="help-row">
                  <dt>
                    <kbd>{i.keys}</kbd>
                  </dt>
                  <dd>{i.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="dialog-actions">
        <button type="button" className="primary" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

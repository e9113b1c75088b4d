import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useSession } from '../session/SessionContext.ts';
import { failureText } from '../ui/failure.ts';
import { saveFile } from './download.ts';
import { exportFile } from './exportFile.ts';
import { mapPngFile, mapSvgFile } from './exportImage.ts';
import { FILE_FORMATS } from './fileFormats.ts';

interface Item {
  key: string;
  label: string;
  /** Runs the export; resolves once the file is handed over (or the view is open). */
  run: () => Promise<void> | void;
  /** Starts a new group in the menu (a separator above it). */
  group?: true;
}

/**
 * The map header's "Export…" menu, a WAI-ARIA menu button: Enter, Space or ArrowDown open it
 * on the first item (ArrowUp on the last), arrows, Home and End move, Enter or Space choose,
 * Escape closes it and gives focus back to the button, Tab closes it and moves on.
 *
 * Files in the shared formats come from the relay (the stored map, named by the relay) or,
 * offline, from this device's copy; the SVG and PNG pictures and the print view are made here.
 */
export function ExportMenu({
  onPrint,
  refocus = 0,
}: {
  onPrint: () => void;
  /** Takes focus each time this number changes (back from the print view it opened). */
  refocus?: number;
}) {
  const { session, ui } = useSession();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const menuId = useId();

  const title = () => session.store.getStructure().title;
  const items: Item[] = [
    ...FILE_FORMATS.map((format): Item => ({
      key: format.id,
      label: format.name,
      run: async () => {
        const file = await exportFile(format, {
          mapId: session.mapId,
          token: session.token,
          doc: session.doc,
          title: title(),
        });
        saveFile(file.blob, file.name);
        if (file.local) {
          ui.notify(
            `Exported “${file.name}” from the copy on this device: the relay could not be reached, so edits made elsewhere may be missing.`,
          );
        }
      },
    })),
    {
      key: 'svg',
      label: 'Picture (SVG)',
      group: true,
      run: async () => {
        const file = await mapSvgFile(session);
        saveFile(file.blob, file.name);
      },
    },
    {
      key: 'png',
      label: 'Picture (PNG)',
      run: async () => {
        const file = await mapPngFile(session);
        saveFile(file.blob, file.name);
      },
    },
    { key: 'print', label: 'Print…', group: true, run: onPrint },
  ];

  useEffect(() => {
    if (refocus) button.current?.focus();
  }, [refocus]);

  // Focus follows the active item while the menu is open.
  useEffect(() => {
    if (!open) return;
    const item = menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active];
    item?.focus();
  }, [open, active]);

  // A click anywhere else closes the menu, leaving focus where the click put it.
  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      const target = event.target instanceof Node ? event.target : null;
      if (menu.current?.contains(target) || button.current?.contains(target)) return;
      setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  const show = (index: number) => {
    setActive((index + items.length) % items.length);
    setOpen(true);
  };
  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const choose = (item: Item) => {
    close();
    setBusy(item.label);
    Promise.resolve()
      .then(item.run)
      .catch((error: unknown) =>
        ui.notify(
          failureText(error, {
            what: `Could not export the map as ${item.label}`,
            next: 'Try again, or choose another format.',
          }),
        ),
      )
      .finally(() => setBusy(null));
  };

  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      show(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      show(items.length - 1);
    }
  };

  const onMenuKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      Home: 0,
      End: items.length - 1,
    };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      show(to);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') {
      close(false);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const item = items[active];
      if (item) choose(item);
    } else if (/^\S$/.test(event.key)) {
      // Type-ahead: the next item starting with that letter; no map shortcut runs meanwhile.
      event.preventDefault();
      const letter = event.key.toLowerCase();
      for (let step = 1; step <= items.length; step++) {
        const index = (active + step) % items.length;
        if (items[index]?.label.toLowerCase().startsWith(letter)) {
          show(index);
          break;
        }
      }
    }
  };

  return (
    <div className="export-menu">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-busy={busy !== null}
        onClick={() => (open ? close() : show(0))}
        onKeyDown={onButtonKey}
      >
        Export…
      </button>
      {open ? (
        <ul
          ref={menu}
          id={menuId}
          role="menu"
          aria-label="Export"
          className="export-menu-list"
          onKeyDown={onMenuKey}
        >
          {items.map((item, index) => [
            item.group ? <li key={`${item.key}-sep`} role="separator" /> : null,
            <li
              key={item.key}
              role="menuitem"
              tabIndex={index === active ? 0 : -1}
              className={index === active ? 'active' : undefined}
              onClick={() => choose(item)}
              onPointerMove={() => (index === active ? undefined : setActive(index))}
            >
              {item.label}
            </li>,
          ])}
        </ul>
      ) : null}
    </div>
  );
}

/** Line icons drawn in SVG, so they never depend on the fonts a machine has. */
const PATHS = {
  plus: 'M12 5v14M5 12h14',
  support: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M12 8v8M8 12h8',
  rebut: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M8 12h8',
  copremise: 'M4 5h7v7H4zM13 12h7v7h-7zM16.5 5v5M14 7.5h5',
  unlink: 'M4 5h7v7H4zM13 12h7v7h-7zM14 7.5h5',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6',
  undo: 'M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3',
  redo: 'M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3',
  connect: 'M5 19L19 5M13 5h6v6',
  link: 'M10 13a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1M14 11a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      className="icon-svg"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}

/** How the classroom words times, and the due date's `<input type="datetime-local">` form. */

export function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "Due 5 Dec 2026, 17:00" or "No due date". */
export function dueText(due: string | null): string {
  return due ? `Due ${when(due)}` : 'No due date';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local date and time as `datetime-local` writes it ("2026-12-05T17:00") to ISO in UTC. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** An ISO time as the local `datetime-local` value. */
export function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}`
  );
}

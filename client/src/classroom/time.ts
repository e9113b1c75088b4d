/** How the classroom words times, and the due date's `<input type="datetime-local">` form. */

export function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A time in few characters, for table cells: "14:05" today, else "5/12/26, 14:05". */
export function shortWhen(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const today = d.toDateString() === now.toDateString();
  return today
    ? d.toLocaleTimeString(undefined, { timeStyle: 'short' })
    : d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
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

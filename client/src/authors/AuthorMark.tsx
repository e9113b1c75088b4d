import type { AuthorLook } from './AuthorsStore.ts';

/** An author's colour chip with initials; the name is the accessible label. */
export function AuthorMark({ look, label }: { look: AuthorLook | undefined; label: string }) {
  return (
    <span
      className="author-chip"
      role="img"
      aria-label={label}
      title={label}
      style={look ? { background: look.color } : undefined}
    >
      {look?.initials ?? '?'}
    </span>
  );
}

/** A sample of an author's underline, as claim text shows their words. */
export function UnderlineSample({ look }: { look: AuthorLook }) {
  return (
    <span
      className="author-underline-sample"
      aria-hidden="true"
      style={{ textDecorationColor: look.color, textDecorationStyle: look.underline }}
    >
      abc
    </span>
  );
}

import type { HTMLAttributes } from 'react';
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

/**
 * Text underlined as an author's words are shown: in their colour and line style (never
 * colour alone); with no author on record, a transparent line keeps the text where it was.
 */
export function AuthorUnderline({
  look,
  className,
  ...rest
}: { look: AuthorLook | undefined } & Omit<HTMLAttributes<HTMLSpanElement>, 'style'>) {
  return (
    <span
      {...rest}
      className={className ? `author-underline ${className}` : 'author-underline'}
      style={
        look
          ? { textDecorationColor: look.color, textDecorationStyle: look.underline }
          : { textDecorationStyle: 'solid', textDecorationColor: 'transparent' }
      }
    />
  );
}

/** A sample of an author's underline, as claim text shows their words. */
export function UnderlineSample({ look }: { look: AuthorLook }) {
  return (
    <AuthorUnderline look={look} className="author-underline-sample" aria-hidden="true">
      abc
    </AuthorUnderline>
  );
}

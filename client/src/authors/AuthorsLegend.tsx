import { AuthorMark, UnderlineSample } from './AuthorMark.tsx';
import { useAuthors, useShowingAuthors } from './useAuthors.ts';

/** While authors are shown: which colour, initials and underline stand for whom. */
export function AuthorsLegend() {
  const showing = useShowingAuthors();
  const { store, state } = useAuthors();
  if (!showing || !state.data) return null;
  return (
    <ul className="authors-legend" aria-label="Authors legend">
      {state.data.authors.map((a) => {
        const look = store.looks.get(a.id);
        return (
          <li key={a.id}>
            <AuthorMark look={look} label={a.name} />
            {a.name}
            {look ? <UnderlineSample look={look} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

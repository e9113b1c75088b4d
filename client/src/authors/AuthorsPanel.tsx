import { when } from '../classroom/time.ts';
import { AuthorMark, UnderlineSample } from './AuthorMark.tsx';
import { useAuthors } from './useAuthors.ts';
import './authors.css';

/**
 * Who did what in this map and its comments, per author, from the relay's record of which
 * link wrote each change (a name typed into the map cannot fake it). Owner only.
 */
export function AuthorsPanel() {
  const { store, state, owner } = useAuthors();
  if (!owner || !state.panelOpen) return null;
  const looks = store.looks;
  const authors = state.data?.authors ?? [];
  return (
    <aside className="side-panel authors-panel" aria-label="Authors">
      <div className="authors-head">
        <h2>Authors</h2>
        <button type="button" aria-label="Refresh authors" onClick={() => void store.refresh()}>
          ↻
        </button>
        <button type="button" aria-label="Close authors" onClick={() => store.closePanel()}>
          ✕
        </button>
      </div>
      {state.error ? <p role="alert">{state.error}</p> : null}
      {state.data === null && !state.error ? <p role="status">Loading…</p> : null}
      {state.data && authors.length === 0 ? <p>Nobody has written in this map yet.</p> : null}
      {authors.length > 0 ? (
        <table className="authors-table">
          <caption className="visually-hidden">What each author wrote</caption>
          <thead>
            <tr>
              <th scope="col">Author</th>
              <th scope="col">Claims</th>
              <th scope="col" title="Words they typed in claims (of those, in others' claims)">
                Words
              </th>
              <th scope="col">Reasons</th>
              <th scope="col">Citations</th>
              <th scope="col">Comments</th>
            </tr>
          </thead>
          <tbody>
            {authors.map((a) => {
              const look = looks.get(a.id);
              return (
                <tr key={a.id}>
                  <th scope="row">
                    <span className="authors-who">
                      <AuthorMark look={look} label={a.name} />
                      <span>
                        {a.name}
                        {look ? <UnderlineSample look={look} /> : null}
                        <small className="authors-when">
                          {a.role ? `${a.role}, ` : ''}
                          {when(a.firstSeen)} – {when(a.lastSeen)}
                        </small>
                      </span>
                    </span>
                  </th>
                  <td>{a.claims}</td>
                  <td>
                    {a.words}
                    {a.wordsInOthersClaims > 0 ? (
                      <small> ({a.wordsInOthersClaims} in others’)</small>
                    ) : null}
                  </td>
                  <td>{a.reasons}</td>
                  <td>{a.citations}</td>
                  <td>{a.comments}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </aside>
  );
}

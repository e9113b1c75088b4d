/** A source's describing fields as a person edits them (authors as one `;`-separated line). */
export interface SourceFieldValues {
  title: string;
  authors: string;
  issued: string;
  kind: string;
  url: string;
}

/** One setter per field (`useSourceFields` makes them). */
export type SourceFieldSetters = { [K in keyof SourceFieldValues]: (value: string) => void };

/**
 * Title, authors, date, kind and URL of a source: the same fields when a source is imported
 * and when its details are edited later.
 */
export function SourceFields({
  values,
  set,
  kinds,
}: {
  values: SourceFieldValues;
  set: SourceFieldSetters;
  kinds: readonly string[];
}) {
  return (
    <>
      <label className="field">
        <span>Title</span>
        <input value={values.title} onChange={(e) => set.title(e.target.value)} required />
      </label>
      <label className="field">
        <span>Authors (separated by semicolons)</span>
        <input value={values.authors} onChange={(e) => set.authors(e.target.value)} />
      </label>
      <div className="field-row">
        <label className="field">
          <span>Date</span>
          <input
            value={values.issued}
            placeholder="2023 or 2022-03-05"
            onChange={(e) => set.issued(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Kind</span>
          <select value={values.kind} onChange={(e) => set.kind(e.target.value)}>
            {kinds.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>URL</span>
        <input type="url" value={values.url} onChange={(e) => set.url(e.target.value)} />
      </label>
    </>
  );
}

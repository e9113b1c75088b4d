import type { SourceMeta } from '@warrant/shared';
import { useMemo, useState } from 'react';
import type { SourceFieldSetters, SourceFieldValues } from './SourceFields.tsx';

/**
 * The state behind `SourceFields`: its values and a setter for each, starting from
 * `initial` (a source's details being edited, or empty ones for an import).
 */
export function useSourceFields(initial: SourceFieldValues | (() => SourceFieldValues)): {
  values: SourceFieldValues;
  set: SourceFieldSetters;
} {
  const [values, setValues] = useState(initial);
  const set = useMemo<SourceFieldSetters>(() => {
    const setter = (key: keyof SourceFieldValues) => (value: string) =>
      setValues((previous) => ({ ...previous, [key]: value }));
    return {
      title: setter('title'),
      authors: setter('authors'),
      issued: setter('issued'),
      kind: setter('kind'),
      url: setter('url'),
    };
  }, []);
  return { values, set };
}

/**
 * The fields as a source's details: trimmed, authors split at semicolons or line breaks,
 * blanks dropped, and no URL when its field is empty.
 */
export function sourceMetaOf(values: SourceFieldValues): SourceMeta {
  const url = values.url.trim();
  return {
    title: values.title.trim(),
    authors: values.authors
      .split(/[;\n]/)
      .map((a) => a.trim())
      .filter(Boolean),
    issued: values.issued.trim(),
    kind: values.kind,
    ...(url ? { url } : {}),
  };
}

import { setTitle } from '@warrant/shared';
import { useEffect, useState } from 'react';
import { useSession } from '../session/SessionContext.ts';
import { useStructure } from '../session/useStructure.ts';
import { useCanEdit } from '../session/useCanEdit.ts';

/** The map's title, editable in place; saved on Enter or when focus leaves. */
export function TitleField() {
  const { session } = useSession();
  const { title } = useStructure();
  const [draft, setDraft] = useState(title);
  const [focused, setFocused] = useState(false);
  const canEdit = useCanEdit();
  useEffect(() => {
    if (!focused) setDraft(title);
  }, [title, focused]);
  const commit = () => {
    const next = draft.trim();
    if (next && next !== title) session.act(() => setTitle(session.doc, next));
    else setDraft(title);
  };
  return (
    <input
      className="title-field"
      aria-label="Map title"
      readOnly={!canEdit}
      value={draft}
      maxLength={200}
      onFocus={() => setFocused(true)}
      onBlur={() => {
        setFocused(false);
        commit();
      }}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          setDraft(title);
          e.currentTarget.blur();
        }
      }}
    />
  );
}

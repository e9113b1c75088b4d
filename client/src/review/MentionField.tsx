import type { ReviewAuthor } from '@warrant/shared';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { completeMention, matchPeople, mentionAt, type MentionQuery } from './mentionComplete.ts';

/**
 * A comment's text box that completes @mentions: typing `@` and the start of a name lists
 * the people who have been on the map (a combobox: ↑ ↓ to choose, Enter or Tab to take one,
 * Escape to close the list). Ctrl+Enter sends.
 */
export function MentionField({
  label,
  value,
  onChange,
  onSubmit,
  people,
  autoFocus = false,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  onSubmit: () => void;
  people: readonly ReviewAuthor[];
  autoFocus?: boolean;
  placeholder?: string;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const options = query ? matchPeople(people, query.query) : [];
  const open = options.length > 0;

  const look = (text: string, caret: number) => {
    const q = mentionAt(text, caret);
    setQuery(q);
    if (q?.query !== query?.query) setActive(0);
  };
  const take = (person: ReviewAuthor) => {
    const field = ref.current;
    if (!field || !query) return;
    const done = completeMention(value, query, field.selectionStart, person);
    onChange(done.text);
    setQuery(null);
    requestAnimationFrame(() => {
      field.focus();
      field.setSelectionRange(done.caret, done.caret);
    });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + options.length) % options.length);
    } else if (open && (e.key === 'Enter' || e.key === 'Tab') && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      const person = options[active];
      if (person) take(person);
    } else if (open && e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setQuery(null);
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onSubmit();
    }
  };
  return (
    <div className="mention-field">
      <textarea
        ref={ref}
        aria-label={label}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        value={value}
        rows={2}
        autoFocus={autoFocus}
        placeholder={placeholder}
        onChange={(e) => {
          onChange(e.target.value);
          look(e.target.value, e.target.selectionStart);
        }}
        onSelect={(e) => look(e.currentTarget.value, e.currentTarget.selectionStart)}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="People to mention" hidden={!open}>
        {options.map((p, i) => (
          <li
            key={p.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              take(p);
            }}
          >
            @{p.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

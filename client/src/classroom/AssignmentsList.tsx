import { useState } from 'react';
import { forgetTaught, readTaught } from '../device/assignments.ts';
import { usePlaces } from './places.ts';
import { when } from './time.ts';

/** The home page's "Your assignments": those made on this device, whose key it keeps. */
export function AssignmentsList() {
  const places = usePlaces();
  const [list, setList] = useState(() => readTaught());
  if (list.length === 0) return null;
  return (
    <section className="home-card" aria-labelledby="assignments-heading">
      <h2 id="assignments-heading">Your assignments</h2>
      <ul className="map-list">
        {list.map((a) => {
          const href = places.assignment(a.id);
          return (
            <li key={a.id}>
              <a
                href={href}
                onClick={(e) => {
                  e.preventDefault();
                  places.navigate(href);
                }}
              >
                {a.title}
              </a>
              <span className="hint">made {when(new Date(a.createdAt).toISOString())}</span>
              <button
                type="button"
                className="link"
                aria-label={`Forget ${a.title} on this device`}
                title="Forgets the instructor key on this device; the assignment stays on the relay"
                onClick={() => setList(forgetTaught(a.id))}
              >
                Forget
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

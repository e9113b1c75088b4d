import { useEffect, useState } from 'react';
import {
  createMapOnRelay,
  listMapsOnRelay,
  type CreatedMap,
  type ImportedMap,
  type MapSummary,
} from '../api/api.ts';
import type { RecentMap } from '../device/recentMaps.ts';
import { mapPath } from './route.ts';
import { useRecentMaps } from '../device/useRecentMaps.ts';
import { ImportMapDialog } from '../formats/ImportMapDialog.tsx';
import { AssignmentsList } from '../classroom/AssignmentsList.tsx';
import { failureText } from '../ui/failure.ts';

const SAMPLE = /nato/i;

function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * How this device remembers a map it just made: with the owner token the relay shows only
 * this once, so the maker opens it as its owner (from the list too).
 */
function ownedMap(made: CreatedMap | ImportedMap, title: string): Omit<RecentMap, 'openedAt'> {
  const token = made.token ?? made.ownerToken;
  return { id: made.id, title: made.title || title, ...(token ? { token } : {}) };
}

/** Start a map, import one, reopen one from this device, or open the sample debate. */
export function Home({ navigate }: { navigate: (url: string) => void }) {
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [maps, setMaps] = useState<MapSummary[] | null>(null);
  const [importing, setImporting] = useState(false);
  const { recent, forget, remember } = useRecentMaps();

  useEffect(() => {
    let live = true;
    listMapsOnRelay().then(
      (list) => live && setMaps(list),
      () => live && setMaps([]),
    );
    return () => {
      live = false;
    };
  }, []);

  const sample = maps?.find((m) => m.sample) ?? maps?.find((m) => SAMPLE.test(m.title));

  const create = async () => {
    const name = title.trim() || 'Untitled map';
    setBusy(true);
    setError(null);
    try {
      const owned = ownedMap(await createMapOnRelay(name), name);
      remember(owned);
      navigate(mapPath(owned.id, owned.token));
    } catch (e) {
      setError(
        failureText(e, { next: 'Check that the Warrant server is running, then try again.' }),
      );
      setBusy(false);
    }
  };

  return (
    <main className="home">
      <header className="home-head">
        <h1>
          <span className="logo" aria-hidden="true">
            ⚖
          </span>{' '}
          Warrant
        </h1>
        <p>
          Map an argument together: claims, the reasons for and against them, and where they come
          from.
        </p>
      </header>

      <section className="home-card" aria-labelledby="new-map-heading">
        <h2 id="new-map-heading">Start a map</h2>
        <form
          className="new-map"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label className="field grow">
            <span>Map title</span>
            <input
              value={title}
              maxLength={200}
              placeholder="e.g. Should NATO expand further?"
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'New map'}
          </button>
        </form>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        <div className="sample">
          <button type="button" onClick={() => setImporting(true)}>
            Import map…
          </button>
          <span className="hint">Warrant JSON, Argdown, AIF/OVA or Kialo.</span>
        </div>
        <div className="sample">
          <button
            type="button"
            disabled={!sample}
            onClick={() => sample && navigate(mapPath(sample.id))}
            title={sample ? sample.title : 'The server has no sample map'}
          >
            Open the sample map
          </button>
          <span className="hint">
            {sample
              ? sample.title
              : maps
                ? 'No sample map on this server.'
                : 'Looking for the sample map…'}
          </span>
        </div>
      </section>
      {importing ? (
        <ImportMapDialog
          onClose={() => setImporting(false)}
          onImported={(map) => remember(ownedMap(map, 'Imported map'))}
          onOpen={(map) => {
            const owned = ownedMap(map, 'Imported map');
            navigate(mapPath(owned.id, owned.token));
          }}
        />
      ) : null}

      <AssignmentsList />

      <section className="home-card" aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recent maps on this device</h2>
        {recent.length === 0 ? (
          <p className="hint">Maps you open appear here.</p>
        ) : (
          <ul className="map-list">
            {recent.map((m) => (
              <li key={m.id}>
                <a
                  href={mapPath(m.id, m.token)}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(mapPath(m.id, m.token));
                  }}
                >
                  {m.title}
                </a>
                <span className="hint">opened {when(m.openedAt)}</span>
                <button
                  type="button"
                  className="link"
                  aria-label={`Forget ${m.title}`}
                  onClick={() => forget(m.id)}
                >
                  Forget
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

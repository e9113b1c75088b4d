import { useEffect, useState } from 'react';
import { createMapOnRelay, listMapsOnRelay, type MapSummary } from '../api/api.ts';
import { rememberMap } from '../device/recentMaps.ts';
import { mapPath } from './route.ts';
import { useRecentMaps } from '../device/useRecentMaps.ts';
import { failureText } from '../ui/failure.ts';

const SAMPLE = /nato/i;

function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Start a map, reopen one from this device, or open the sample debate. */
export function Home({ navigate }: { navigate: (url: string) => void }) {
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [maps, setMaps] = useState<MapSummary[] | null>(null);
  const { recent, forget } = useRecentMaps();

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
      const created = await createMapOnRelay(name);
      const token = created.token ?? created.ownerToken;
      rememberMap({ id: created.id, title: created.title || name, ...(token ? { token } : {}) });
      navigate(mapPath(created.id, token));
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

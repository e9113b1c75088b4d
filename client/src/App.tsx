import { lazy, Suspense, useMemo } from 'react';
import { useRoute } from './pages/useRoute.ts';
import { useIdentity } from './device/useIdentity.ts';
import { MapPage } from './pages/MapPage.tsx';
import { NameDialog } from './pages/NameDialog.tsx';
import { UpdateNotice } from './offline/UpdateNotice.tsx';
import { assignmentPath, mapPath } from './pages/route.ts';
import { PlacesContext, type Places } from './classroom/places.ts';

// The map page is what most visits open, so only its code loads with the app; the other
// pages load when visited (the service worker keeps them all for offline use).
const Home = lazy(() => import('./pages/Home.tsx').then((m) => ({ default: m.Home })));
const JoinPage = lazy(() =>
  import('./classroom/JoinPage.tsx').then((m) => ({ default: m.JoinPage })),
);
const DashboardPage = lazy(() =>
  import('./classroom/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);

/**
 * Home, one open map (which asks for a name first, once per device), an assignment's join
 * page or its dashboard. Above any, the announcement of a new version of the app, when one
 * waits.
 */
export function App() {
  const { route, navigate } = useRoute();
  const { me, setName } = useIdentity();
  const places = useMemo<Places>(
    () => ({ navigate, map: mapPath, assignment: (id) => assignmentPath(id) }),
    [navigate],
  );
  return (
    <PlacesContext.Provider value={places}>
      <UpdateNotice />
      <Suspense
        fallback={
          <div className="page-message" role="status">
            Loading…
          </div>
        }
      >
        {page()}
      </Suspense>
    </PlacesContext.Provider>
  );

  function page() {
    switch (route.page) {
      case 'home':
        return <Home navigate={navigate} />;
      case 'join':
        return (
          <JoinPage
            key={route.assignmentId}
            assignmentId={route.assignmentId}
            defaultName={me?.name ?? ''}
            onName={setName}
          />
        );
      case 'assignment':
        return (
          <DashboardPage
            key={route.assignmentId}
            assignmentId={route.assignmentId}
            {...(route.token ? { linkToken: route.token } : {})}
          />
        );
      case 'map':
        if (!me) return <NameDialog onSubmit={setName} />;
        return (
          <MapPage
            key={route.mapId}
            mapId={route.mapId}
            token={route.token}
            grading={route.grading}
            me={me}
            onRename={setName}
            navigate={navigate}
          />
        );
    }
  }
}

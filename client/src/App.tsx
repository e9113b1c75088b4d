import { useMemo } from 'react';
import { useRoute } from './pages/useRoute.ts';
import { useIdentity } from './device/useIdentity.ts';
import { Home } from './pages/Home.tsx';
import { MapPage } from './pages/MapPage.tsx';
import { NameDialog } from './pages/NameDialog.tsx';
import { UpdateNotice } from './offline/UpdateNotice.tsx';
import { assignmentPath, mapPath } from './pages/route.ts';
import { DashboardPage } from './classroom/DashboardPage.tsx';
import { JoinPage } from './classroom/JoinPage.tsx';
import { PlacesContext, type Places } from './classroom/places.ts';

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
      {page()}
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

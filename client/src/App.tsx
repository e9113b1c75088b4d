import { useRoute } from './pages/useRoute.ts';
import { useIdentity } from './device/useIdentity.ts';
import { Home } from './pages/Home.tsx';
import { MapPage } from './pages/MapPage.tsx';
import { NameDialog } from './pages/NameDialog.tsx';
import { UpdateNotice } from './offline/UpdateNotice.tsx';

/**
 * Home or one open map; the map asks for a name first (once per device). Above either, the
 * announcement of a new version of the app, when one waits.
 */
export function App() {
  const { route, navigate } = useRoute();
  const { me, setName } = useIdentity();
  return (
    <>
      <UpdateNotice />
      {route.page === 'home' ? (
        <Home navigate={navigate} />
      ) : !me ? (
        <NameDialog onSubmit={setName} />
      ) : (
        <MapPage
          key={route.mapId}
          mapId={route.mapId}
          token={route.token}
          me={me}
          onRename={setName}
          navigate={navigate}
        />
      )}
    </>
  );
}

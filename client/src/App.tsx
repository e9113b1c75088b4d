import { useRoute } from './pages/useRoute.ts';
import { useIdentity } from './device/useIdentity.ts';
import { Home } from './pages/Home.tsx';
import { MapPage } from './pages/MapPage.tsx';
import { NameDialog } from './pages/NameDialog.tsx';

/** Home or one open map; the map asks for a name first (once per device). */
export function App() {
  const { route, navigate } = useRoute();
  const { me, setName } = useIdentity();
  if (route.page === 'home') return <Home navigate={navigate} />;
  if (!me) return <NameDialog onSubmit={setName} />;
  return (
    <MapPage
      key={route.mapId}
      mapId={route.mapId}
      token={route.token}
      me={me}
      onRename={setName}
      navigate={navigate}
    />
  );
}

import { createContext, useContext } from 'react';

/**
 * The app's URLs and its navigation, handed down by the app (pages/ owns the routes): the
 * classroom links to maps, dashboards and back home without importing the pages above it.
 */
export interface Places {
  navigate: (url: string, options?: { replace?: boolean }) => void;
  /** A map's URL; `grading` opens the assignment's grading panel beside the copy. */
  map: (mapId: string, token?: string, grading?: string) => string;
  /** An assignment's dashboard. */
  assignment: (assignmentId: string) => string;
}

export const PlacesContext = createContext<Places | null>(null);

export function usePlaces(): Places {
  const places = useContext(PlacesContext);
  if (!places) throw new Error('usePlaces needs a PlacesContext provider (App.tsx).');
  return places;
}

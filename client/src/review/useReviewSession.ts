import { useEffect, useState } from 'react';
import { deviceId } from '../device/deviceId.ts';
import type { MapSession } from '../session/MapSession.ts';
import { ReviewSession } from './ReviewSession.ts';

/**
 * Opens the map's review layer once the map is open, and closes it with the map; a new
 * `attempt` opens it afresh (after the relay refused it for a reason that has since lifted).
 */
export function useReviewSession(map: MapSession | null, attempt = 0): ReviewSession | null {
  const [review, setReview] = useState<ReviewSession | null>(null);
  useEffect(() => {
    if (!map) return;
    const session = new ReviewSession(map, deviceId());
    setReview(session);
    return () => {
      setReview(null);
      session.destroy();
    };
  }, [map, attempt]);
  return review && review.map === map ? review : null;
}

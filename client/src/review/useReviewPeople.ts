import type { ReviewAuthor } from '@warrant/shared';
import { useEffect, useState } from 'react';
import type { ReviewSession } from './ReviewSession.ts';

/** Everyone to offer for an @mention: who has written here, and who is here now. */
export function useReviewPeople(review: ReviewSession): ReviewAuthor[] {
  const [people, setPeople] = useState(() => review.people());
  useEffect(() => {
    const update = () => setPeople(review.people());
    update();
    const stop = review.store.subscribe(update);
    review.connection.awareness.on('change', update);
    return () => {
      stop();
      review.connection.awareness.off('change', update);
    };
  }, [review]);
  return people;
}

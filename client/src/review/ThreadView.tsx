import {
  deleteComment,
  editComment,
  reopenThread,
  reply,
  resolveThread,
  type CommentView,
  type PlacedThread,
  type ReviewAuthor,
} from '@warrant/shared';
import { useState } from 'react';
import { useSession } from '../session/SessionContext.ts';
import { failureText } from '../ui/failure.ts';
import { MentionField } from './MentionField.tsx';
import type { ReviewSession } from './ReviewSession.ts';

function when(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function CommentItem({
  review,
  comment,
  people,
  canComment,
}: {
  review: ReviewSession;
  comment: CommentView;
  people: readonly ReviewAuthor[];
  canComment: boolean;
}) {
  const { ui } = useSession();
  const [editing, setEditing] = useState<string | null>(null);
  const own = comment.author.id === review.author.id;
  const act = (what: string, fn: () => void) => {
    try {
      fn();
      return true;
    } catch (error) {
      ui.notify(failureText(error, { what }));
      return false;
    }
  };
  const save = () => {
    if (editing === null) return;
    if (
      act('The comment was not changed', () =>
        editComment(review.doc, comment.id, review.author, editing, { people }),
      )
    ) {
      setEditing(null);
    }
  };
  return (
    <li className={`review-comment${comment.deleted ? ' deleted' : ''}`}>
      <div className="review-comment-head">
        <strong>{comment.author.name}</strong>{' '}
        <time dateTime={new Date(comment.createdAt).toISOString()}>{when(comment.createdAt)}</time>
        {comment.editedAt ? <span className="hint"> (edited)</span> : null}
      </div>
      {comment.deleted ? (
        <p className="hint">Comment deleted</p>
      ) : editing !== null ? (
        <div className="review-edit">
          <MentionField
            label="Edit your comment"
            value={editing}
            onChange={setEditing}
            onSubmit={save}
            people={people}
            autoFocus
          />
          <div className="review-actions">
            <button type="button" className="primary" onClick={save} disabled={!editing.trim()}>
              Save
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <p className="review-text">{comment.text}</p>
      )}
      {own && canComment && !comment.deleted && editing === null ? (
        <div className="review-actions">
          <button type="button" onClick={() => setEditing(comment.text)}>
            Edit
          </button>
          <button
            type="button"
            onClick={() =>
              act('The comment was not deleted', () =>
                deleteComment(review.doc, comment.id, review.author),
              )
            }
          >
            Delete
          </button>
        </div>
      ) : null}
    </li>
  );
}

/**
 * One thread in the Comments panel: what it is on (a button that selects and centres it, or
 * "On a deleted claim"), its comments with edit and delete for one's own, a reply box with
 * @mentions, and resolve or reopen.
 */
export function ThreadView({
  review,
  thread,
  label,
  people,
  canComment,
  onGoTo,
}: {
  review: ReviewSession;
  thread: PlacedThread;
  label: string;
  people: readonly ReviewAuthor[];
  canComment: boolean;
  onGoTo: () => void;
}) {
  const { ui } = useSession();
  const [text, setText] = useState('');
  const send = () => {
    if (!text.trim()) return;
    try {
      reply(review.doc, thread.id, { author: review.author, text, people });
      setText('');
    } catch (error) {
      ui.notify(failureText(error, { what: 'The reply was not sent' }));
    }
  };
  const status = thread.resolved ? 'Resolved' : 'Open';
  return (
    <article
      className={`review-thread${thread.resolved ? ' resolved' : ''}`}
      aria-label={`Thread: ${label}`}
    >
      <div className="review-thread-head">
        {thread.targetExists ? (
          <button
            type="button"
            className="link-button"
            onClick={onGoTo}
            title="Select it and bring it into view"
          >
            {label}
          </button>
        ) : (
          <span className="review-gone">
            <span aria-hidden="true">⚠</span> {label}
          </span>
        )}
        <span className={`review-status ${thread.resolved ? 'resolved' : 'open'}`}>
          <span aria-hidden="true">{thread.resolved ? '✓' : '●'}</span> <span>{status}</span>
        </span>
      </div>
      <ul className="review-comments">
        {thread.comments.map((c) => (
          <CommentItem
            key={c.id}
            review={review}
            comment={c}
            people={people}
            canComment={canComment}
          />
        ))}
      </ul>
      {canComment ? (
        <>
          {thread.resolved ? null : (
            <div className="review-reply">
              <MentionField
                label="Reply"
                value={text}
                onChange={setText}
                onSubmit={send}
                people={people}
              />
              <button type="button" onClick={send} disabled={!text.trim()}>
                Send reply
              </button>
            </div>
          )}
          <div className="review-actions">
            <button
              type="button"
              onClick={() => {
                try {
                  (thread.resolved ? reopenThread : resolveThread)(
                    review.doc,
                    thread.id,
                    review.author,
                  );
                } catch (error) {
                  ui.notify(failureText(error, { what: 'The thread did not change' }));
                }
              }}
            >
              {thread.resolved ? 'Reopen' : 'Resolve'}
            </button>
          </div>
        </>
      ) : null}
    </article>
  );
}

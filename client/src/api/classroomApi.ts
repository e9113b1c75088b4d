import {
  API_RESPONSES,
  type ApiSchema,
  type AssignmentComparisonResponse,
  type AssignmentResponse,
  type FeedbackResponse,
  type Grade,
  type GradeRequest,
  type JoinInfoResponse,
  type JoinRequest,
  type JoinResponse,
  type NewAssignmentRequest,
  type NewAssignmentResponse,
  type PushResponse,
  type ReleaseResponse,
  type Rubric,
  type RubricRequest,
} from '@warrant/shared';
import { ApiRequestError, call as request, send as sendRequest } from './request.ts';

/**
 * The relay's classroom routes (shared/src/protocol/classroomApi.ts, server/README.md "The
 * classroom"), answers decoded with `API_RESPONSES` like every other call in `api/`.
 */

type Method = 'GET' | 'POST' | 'PUT';

function send(
  method: Method,
  path: string,
  token: string | undefined,
  doing: string,
  body?: unknown,
): Promise<Response> {
  return sendRequest(path, { method, token, doing, body });
}

function call<T>(
  method: Method,
  path: string,
  token: string | undefined,
  schema: ApiSchema<T>,
  doing: string,
  body?: unknown,
): Promise<T> {
  return request(path, schema, { method, token, doing, body });
}

const base = (id: string) => `/api/assignments/${encodeURIComponent(id)}`;

/** `POST /api/assignments` with the owner token of the map it is made from. */
export function createAssignment(
  ownerToken: string,
  request: NewAssignmentRequest,
): Promise<NewAssignmentResponse> {
  return call(
    'POST',
    '/api/assignments',
    ownerToken,
    API_RESPONSES['POST /api/assignments'],
    'Creating the assignment',
    request,
  );
}

/** `GET /api/assignments/:id` (instructor token): the dashboard. */
export function fetchAssignment(id: string, token: string): Promise<AssignmentResponse> {
  return call(
    'GET',
    base(id),
    token,
    API_RESPONSES['GET /api/assignments/:id'],
    'Loading the assignment',
  );
}

/** `GET /api/assignments/:id/join` (no token: the id is the secret). */
export function fetchJoinInfo(id: string): Promise<JoinInfoResponse> {
  return call(
    'GET',
    `${base(id)}/join`,
    undefined,
    API_RESPONSES['GET /api/assignments/:id/join'],
    'Opening the assignment',
  );
}

/** `POST /api/assignments/:id/join`: the student's copy and their editor token. */
export function joinAssignment(id: string, request: JoinRequest): Promise<JoinResponse> {
  return call(
    'POST',
    `${base(id)}/join`,
    undefined,
    API_RESPONSES['POST /api/assignments/:id/join'],
    'Joining the assignment',
    request,
  );
}

export function saveRubric(id: string, token: string, rubric: RubricRequest): Promise<Rubric> {
  return call(
    'PUT',
    `${base(id)}/rubric`,
    token,
    API_RESPONSES['PUT /api/assignments/:id/rubric'],
    'Saving the rubric',
    rubric,
  );
}

export function saveGrade(
  id: string,
  token: string,
  copy: string,
  grade: GradeRequest,
): Promise<Grade> {
  return call(
    'PUT',
    `${base(id)}/copies/${encodeURIComponent(copy)}/grade`,
    token,
    API_RESPONSES['PUT /api/assignments/:id/copies/:copy/grade'],
    'Saving the grade',
    grade,
  );
}

/** Releases the feedback of these copies, or of every copy without a list. */
export function releaseFeedback(
  id: string,
  token: string,
  copies?: string[],
): Promise<ReleaseResponse> {
  return call(
    'POST',
    `${base(id)}/release`,
    token,
    API_RESPONSES['POST /api/assignments/:id/release'],
    'Releasing the feedback',
    copies ? { copies } : {},
  );
}

/** Merges what the template gained since the last push into every copy. */
export function pushTemplate(id: string, token: string): Promise<PushResponse> {
  return call(
    'POST',
    `${base(id)}/push`,
    token,
    API_RESPONSES['POST /api/assignments/:id/push'],
    'Pushing the template’s changes',
    {},
  );
}

/**
 * `GET /api/maps/:id/feedback` with the copy's token: the assignment, and the grade once
 * released. Null for a map that is no assignment's copy (404).
 */
export async function fetchFeedback(
  mapId: string,
  token: string | undefined,
): Promise<FeedbackResponse | null> {
  try {
    return await call(
      'GET',
      `/api/maps/${encodeURIComponent(mapId)}/feedback`,
      token,
      API_RESPONSES['GET /api/maps/:id/feedback'],
      'Loading the feedback',
    );
  } catch (e) {
    if (e instanceof ApiRequestError && e.status === 404) return null;
    throw e;
  }
}

/** A file the relay sends for download, with its `Content-Disposition` (the name it offers). */
export interface Download {
  blob: Blob;
  disposition: string | null;
}

async function download(path: string, token: string, doing: string): Promise<Download> {
  const response = await send('GET', path, token, doing);
  return { blob: await response.blob(), disposition: response.headers.get('content-disposition') };
}

/** `GET /api/assignments/:id/export`: every copy at once (a zip, or JSON). */
export function exportAllCopies(id: string, token: string): Promise<Download> {
  return download(`${base(id)}/export`, token, 'Exporting the copies');
}

/** `GET /api/assignments/:id/grades.csv`. */
export function gradesCsv(id: string, token: string): Promise<Download> {
  return download(`${base(id)}/grades.csv`, token, 'Downloading the grades');
}

/** Which map the copies are compared with: the one the assignment was made from, or its template. */
export type ReferenceKind = 'source' | 'template';

/** `GET /api/assignments/:id/compare?reference=` (instructor token): every copy against the reference. */
export function compareAllCopies(
  id: string,
  token: string,
  reference: ReferenceKind,
): Promise<AssignmentComparisonResponse> {
  return call(
    'GET',
    `${base(id)}/compare?reference=${reference}`,
    token,
    API_RESPONSES['GET /api/assignments/:id/compare'],
    'Comparing the copies',
  );
}

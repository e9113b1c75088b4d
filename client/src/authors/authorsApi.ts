import {
  ApiResponseError,
  authorsResponseSchema,
  decodeApiResponse,
  errorResponseSchema,
  type AuthorsResponse,
} from '@warrant/shared';

/** `GET /api/maps/:id/authors` (owner only): who did what, from the relay's record. */
export async function fetchAuthors(
  mapId: string,
  token: string | undefined,
): Promise<AuthorsResponse> {
  const doing = 'Loading who wrote what';
  let response: Response;
  try {
    response = await fetch(`/api/maps/${encodeURIComponent(mapId)}/authors`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new Error(
      `${doing} failed: the Warrant server could not be reached. Try again once online.`,
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiResponseError(['body: not JSON'], doing);
  }
  if (!response.ok) {
    const refusal = errorResponseSchema.safeParse(body);
    throw new Error(
      `${doing} failed (${response.status}${refusal.success ? `: ${refusal.data.error}` : ''}).`,
    );
  }
  return decodeApiResponse(authorsResponseSchema, body, doing);
}

import {
  ApiResponseError,
  decodeApiResponse,
  errorResponseSchema,
  type ApiSchema,
} from '@warrant/shared';

/**
 * One way to ask the relay's HTTP API, for every call in the client: the bearer token, the
 * JSON body, the message when the relay cannot be reached, the relay's own reason when it
 * refuses, and the answer decoded by its shared schema (shared/src/protocol/api.ts), so an
 * answer this build does not understand is an Error saying so, never a half-read object.
 */

/** The relay refused a request; `status` tells a missing thing from a refusal. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** A failed answer as an error with the relay's reason (the status says enough if none). */
export async function refusal(response: Response, doing: string): Promise<ApiRequestError> {
  let detail = '';
  try {
    const body = errorResponseSchema.safeParse(await response.json());
    if (body.success) detail = body.data.error;
  } catch {
    // Not JSON: the status line says enough.
  }
  return new ApiRequestError(
    `${doing} failed (${response.status}${detail ? `: ${detail}` : ''}).`,
    response.status,
  );
}

/** A successful answer decoded by its schema; anything else throws, saying what it was. */
export async function decoded<T>(
  response: Response,
  schema: ApiSchema<T>,
  doing: string,
): Promise<T> {
  if (!response.ok) throw await refusal(response, doing);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiResponseError(['body: not JSON'], doing);
  }
  return decodeApiResponse(schema, body, doing);
}

export interface RequestOptions {
  /** What the person was doing, for messages: "Loading the assignment". */
  doing: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  token?: string | undefined;
  /** Sent as JSON. */
  body?: unknown;
}

/** Sends a request; resolves its answer if it succeeded, else throws `ApiRequestError`. */
export async function send(path: string, options: RequestOptions): Promise<Response> {
  const { doing, method = 'GET', token, body } = options;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new Error(
      `${doing} failed: the Warrant server could not be reached. Try again once online.`,
    );
  }
  if (!response.ok) throw await refusal(response, doing);
  return response;
}

/** Sends a request and decodes its answer by `schema`. */
export async function call<T>(
  path: string,
  schema: ApiSchema<T>,
  options: RequestOptions,
): Promise<T> {
  return decoded(await send(path, options), schema, options.doing);
}

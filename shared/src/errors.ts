/** A document that cannot be opened as an argument map (too new, or not a map at all). */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  constructor(
    readonly code: 'too-new' | 'not-a-map',
    message: string,
    readonly version?: number,
  ) {
    super(message);
  }
}

/**
 * An operation that would make the map invalid (unknown id, self-support, empty text...).
 * Operations validate before writing, so an invalid map is never written.
 */
export class ModelError extends Error {
  override readonly name = 'ModelError';
}

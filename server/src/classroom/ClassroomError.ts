/** A failure a person caused, with what to do; the HTTP layer words it with its status. */
export class ClassroomError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'ClassroomError';
  }
}

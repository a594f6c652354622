// The error a route throws when the caller is known but may not see or do this; the app's error
// handler answers 403 {error: 'Forbidden', message} with the message as written.
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

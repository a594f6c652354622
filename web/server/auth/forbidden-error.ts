// The error a route throws when the caller is known but may not see or do this; the app's error
// handler answers 403 {error: 'Forbidden', message} with the message as written, plus `label`
// ({en, zh}) when the refusal is meant for a page to show in the viewer's language.
import type { Label } from '../../../warehouse/metrics/table.ts';

export class ForbiddenError extends Error {
  constructor(message: string, readonly label: Label | null = null) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

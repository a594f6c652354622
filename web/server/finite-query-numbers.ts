// Ajv coerces a query value such as "1e999" (or 400 digits) to Infinity, and checks minimum and
// maximum only on finite numbers: Infinity passed every bound and reached SQL as a 500. This hook
// refuses it, naming the field, once the schemas have coerced the query.
import type { FastifyRequest } from 'fastify';
import { FilterError } from '../../warehouse/metrics/filter.ts';

export async function refuseNonFiniteNumbers(request: FastifyRequest): Promise<void> {
  for (const [field, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new FilterError(field, `${field} must be a finite number, within the limits /api/docs gives for it`);
    }
  }
}

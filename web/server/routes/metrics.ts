// GET /api/metrics: the metric catalog, core KPIs and people and quality metrics (key, en/zh label,
// unit, direction, definition) that screens, exports and chart axes label themselves with.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { METRICS } from '../../../warehouse/metrics/catalog.ts';
import { PEOPLE_METRICS } from '../../../warehouse/metrics/people-catalog.ts';
import type { AppContext } from '../app.ts';
import { ColumnUnitSchema } from '../tabular/metric-table-schema.ts';

const Catalog = Type.Object({
  metrics: Type.Array(Type.Object({
    key: Type.String(),
    label: Type.Object({ en: Type.String(), zh: Type.String() }),
    unit: ColumnUnitSchema,
    higherIsBetter: Type.Union([Type.Boolean(), Type.Null()], { description: 'true: up is good; false: down is good; null: neither' }),
    description: Type.Object({ en: Type.String(), zh: Type.String() }),
  })),
});

export const metricCatalogRoutes = (_ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get('/metrics', {
    schema: { summary: 'Every metric: key, label, unit, direction, definition', querystring: Type.Object({}, { additionalProperties: false }), response: { 200: Catalog } },
  }, async () => ({ metrics: [...METRICS, ...PEOPLE_METRICS] }));
};

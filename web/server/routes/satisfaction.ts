// GET /api/satisfaction (rating distribution), /trend?grain=, /by?by=team|channel|problem_type|agent,
// /dimensions (CSAT per rating dimension: speed, quality, attitude, ...) and /low-ratings (paged, with
// comments; admin, manager and team leads only).
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import {
  LOW_RATING_SORTS, lowRatingRows, lowRatings, ratingDistribution, SATISFACTION_BY, satisfactionBy, satisfactionByDimension, satisfactionTrend,
} from '../../../warehouse/metrics/satisfaction.ts';
import type { AppContext } from '../app.ts';
import { filterQuery } from '../metric-query.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { answerList, answerMetric } from './metric-route.ts';
import { PageProperties } from './agents.ts';
import { PEOPLE_ROLES } from '../auth/people-roles.ts';
import { GrainProperty } from './problems.ts';

const ByQuery = filterQuery({ by: Type.String({ maxLength: 32, description: SATISFACTION_BY.join(' | ') }) });
const LowQuery = filterQuery({
  ...PageProperties,
  sort: Type.Optional(Type.String({ maxLength: 64, description: `sort column: ${Object.keys(LOW_RATING_SORTS).join(', ')} (default rated_at)` })),
});

export const satisfactionRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  const response = { 200: MetricTableSchema };
  app.get('/satisfaction', {
    schema: { summary: 'Ratings 1..5 given in the range', querystring: filterQuery(), response },
  }, (request, reply) => answerMetric(ctx, request, reply, ratingDistribution));

  app.get('/satisfaction/trend', {
    schema: { summary: 'Ratings, CSAT and mean rating per bucket', querystring: filterQuery(GrainProperty), response },
  }, (request, reply) => {
    const grain = (request.query as { grain?: string }).grain ?? 'day';
    return answerMetric(ctx, request, reply, (db, filter) => satisfactionTrend(db, filter, grain));
  });

  app.get('/satisfaction/by', {
    schema: { summary: 'Ratings, CSAT and mean rating per team, channel, problem type or agent', querystring: ByQuery, response },
  }, (request, reply) => {
    const by = (request.query as { by: string }).by;
    return answerMetric(ctx, request, reply, (db, filter) => satisfactionBy(db, filter, by));
  });

  app.get('/satisfaction/dimensions', {
    schema: {
      summary: 'Ratings, CSAT and mean rating per rating dimension (speed, quality, attitude, ...)',
      description: 'A dimension without ratings in the range has null CSAT and mean and unavailable = no_ratings_in_range; ' +
        'data without dimension ratings has no rows and ratingDimensions.unavailable = no_rating_dimensions.',
      querystring: filterQuery(), response,
    },
  }, (request, reply) => answerMetric(ctx, request, reply, satisfactionByDimension));

  app.get<{ Querystring: Static<typeof LowQuery> }>('/satisfaction/low-ratings', {
    config: { roles: PEOPLE_ROLES },
    schema: { summary: 'Tickets rated 1 or 2 with the comment, paged', querystring: LowQuery, response },
  }, (request, reply) => {
    const { page, page_size: pageSize, sort, order } = request.query;
    return answerList(ctx, request, reply, (db, filter) => lowRatings(db, filter, { page, pageSize, sort, order }),
      (filter) => lowRatingRows(filter, { sort, order }));
  });
};

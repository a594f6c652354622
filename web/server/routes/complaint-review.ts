// GET /api/problems/complaint-review[?by=product]: the terms of complaints' and low ratings' comments
// per problem type (or type and product), with weekly counts and the tickets behind each term. Customer
// words and ticket ids: the roles that see tickets one by one, team leads their teams' only.
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { COMMENTS_PER_GROUP, complaintReview } from '../../../warehouse/metrics/complaint-review.ts';
import type { AppContext } from '../app.ts';
import { filterQuery } from '../metric-query.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { PEOPLE_ROLES } from '../auth/people-roles.ts';
import { answerMetric } from './metric-route.ts';

const Query = filterQuery({
  by: Type.Optional(Type.Literal('product', { description: 'one group per problem type and product (default: per problem type)' })),
});

export const complaintReviewRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get<{ Querystring: Static<typeof Query> }>('/problems/complaint-review', {
    config: { roles: PEOPLE_ROLES },
    schema: {
      summary: 'Most frequent terms of complaint and low-rating comments per problem type (or product), weekly, with their tickets',
      description: `Comments given in the range (the ticket's last rating comment) of complaints and of ratings <= 2; at most the latest ${COMMENTS_PER_GROUP} per group are segmented (comments_read < comments when cut).`,
      querystring: Query, response: { 200: MetricTableSchema },
    },
  }, (request, reply) => answerMetric(ctx, request, reply, (db, filter) => complaintReview(db, filter, { byProduct: request.query.by === 'product' })));
};

// Saved views: GET/POST /api/views (the caller's own), GET /api/views/:view (any signed-in reader
// with the link: sharing is the link), POST/DELETE /api/views/default and DELETE /api/views/:view
// (the owner only). A view is a path and query string; opening it calls the same API as any link, so
// a team lead opening a manager's view still sees only their own teams (or the refusal for others).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { AppContext } from '../app.ts';
import { DEFAULT_ROLES } from '../auth/auth-plugin.ts';
import {
  deleteView, findView, listViews, saveView, setDefaultView, VIEW_PATH, ViewRequestError, type SavedView,
} from '../saved-views/saved-view-store.ts';

const View = Type.Object({
  id: Type.String(), name: Type.String(), path: Type.String(), search: Type.String({ description: 'query string without "?"' }),
  isDefault: Type.Boolean({ description: 'the view opening / lands on, for its owner' }), createdAt: Type.String(),
  own: Type.Boolean({ description: 'saved by the caller' }),
});
const Views = Type.Object({ views: Type.Array(View) });
const Problem = Type.Object({ error: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });
const Params = Type.Object({ view: Type.String({ minLength: 1, maxLength: 64, pattern: '^v_[A-Za-z0-9_-]+$' }) });
const NewView = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 120 }),
  path: Type.String({ minLength: 1, maxLength: 300, pattern: VIEW_PATH, description: 'the page, e.g. /agents' }),
  search: Type.String({ maxLength: 8000, description: 'the filter as a query string, e.g. from=2026-11-01&team=returns' }),
  isDefault: Type.Optional(Type.Boolean({ description: 'also make it the caller\'s default' })),
}, { additionalProperties: false });
// Null first: the body validator coerces types, and would take null for the string "" were the string first.
const DefaultBody = Type.Object({ id: Type.Union([Type.Null(), Type.String({ maxLength: 64 })], { description: 'a view of the caller, or null for none' }) },
  { additionalProperties: false });

/** Whose views: the token signed in with (every browser of one token shares them); one owner for open mode. */
const ownerOf = (request: FastifyRequest) => request.principal.tokenId ?? 'open';

const notFound = (id: string) => ({ error: 'NotFound', message: `no saved view "${id}" of yours; it may have been deleted, or saved by someone else (only they may change it)` });

export const savedViewRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  const config = { roles: DEFAULT_ROLES };
  const views = (request: FastifyRequest) => ctx.warehouse.withConnection((db) => listViews(db, ownerOf(request)));

  app.get('/views', { config, schema: { summary: 'The caller\'s saved views, by name', querystring: Type.Object({}, { additionalProperties: false }),
    response: { 200: Views } } }, async (request) => ({ views: await views(request) }));

  app.post<{ Body: Static<typeof NewView> }>('/views', {
    config, schema: { summary: 'Save the current page and filter under a name', body: NewView, response: { 201: View, 400: Problem } },
  }, async (request, reply) => {
    try {
      const view: SavedView = await ctx.warehouse.withConnection((db) => saveView(db, ownerOf(request), request.body));
      return reply.status(201).send(view);
    } catch (err) {
      if (err instanceof ViewRequestError) return reply.status(400).send({ error: 'BadRequest', message: err.message, field: err.field });
      throw err;
    }
  });

  app.get<{ Params: Static<typeof Params> }>('/views/:view', {
    config, schema: { summary: 'A saved view by its id: what a shared link opens', params: Params, response: { 200: View, 404: Problem } },
  }, async (request, reply) => {
    const view = await ctx.warehouse.withConnection((db) => findView(db, request.params.view, ownerOf(request)));
    return view ?? reply.status(404).send({ error: 'NotFound', message: `no saved view "${request.params.view}"; the link may be of a deleted view` });
  });

  app.post<{ Body: Static<typeof DefaultBody> }>('/views/default', {
    config, schema: { summary: 'Make one of the caller\'s views the one opening / lands on (null: none)', body: DefaultBody,
      response: { 200: Views, 404: Problem } },
  }, async (request, reply) => {
    const { id } = request.body;
    const done = await ctx.warehouse.withConnection((db) => setDefaultView(db, ownerOf(request), id));
    return done ? { views: await views(request) } : reply.status(404).send(notFound(id ?? ''));
  });

  app.delete<{ Params: Static<typeof Params> }>('/views/:view', {
    config, schema: { summary: 'Delete one of the caller\'s views', params: Params, response: { 200: Views, 404: Problem } },
  }, async (request, reply) => {
    const done = await ctx.warehouse.withConnection((db) => deleteView(db, ownerOf(request), request.params.view));
    return done ? { views: await views(request) } : reply.status(404).send(notFound(request.params.view));
  });
};

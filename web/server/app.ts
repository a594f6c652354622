// The Fastify application: API routes under /api (each resource a plugin), OpenAPI at /api/docs,
// one error handler for typed errors, and the built SvelteKit dashboards for every other path.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { IngestError } from '../../ingest/ingest-error.ts';
import { MappingError } from '../../ingest/mapping/mapping-error.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes } from './routes/health.ts';
import { WriteQueue } from './write-queue.ts';

export interface AppContext {
  warehouse: Warehouse;
  writes: WriteQueue;
  bodyLimit: number;
}

export interface AppOptions {
  warehouse: Warehouse;
  logger?: boolean | object;
  /** Largest accepted ingest body in bytes (default 256 MiB). */
  bodyLimit?: number;
  /** Folder of the SvelteKit adapter-node build; served when it exists. */
  uiBuild?: string;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  // Unknown query fields are errors (400 naming the field), not silently dropped.
  const app = Fastify({ logger: options.logger ?? false, ajv: { customOptions: { removeAdditional: false } } });
  const ctx: AppContext = { warehouse: options.warehouse, writes: new WriteQueue(), bodyLimit: options.bodyLimit ?? 256 * 1024 * 1024 };

  await app.register(swagger, { openapi: { info: { title: 'DeskPulse API', version: '0.1.0' } } });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof IngestError || error instanceof MappingError) {
      return reply.status(400).send({ error: error.name, message: error.message });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 413) {
      return reply.status(413).send({ error: 'PayloadTooLarge',
        message: `the body is larger than ${ctx.bodyLimit} bytes; split it into smaller batches` });
    }
    if (status >= 500) request.log.error(error);
    const field = (error as { validation?: { instancePath?: string; params?: { additionalProperty?: string } }[] }).validation?.[0];
    return reply.status(status).send({
      error: status >= 500 ? 'InternalError' : 'BadRequest', message: (error as Error).message,
      ...(field ? { field: field.params?.additionalProperty ?? field.instancePath } : {}),
    });
  });

  await app.register(healthRoutes(ctx), { prefix: '/api' });
  await app.register(eventRoutes(ctx), { prefix: '/api' });

  const handlerFile = resolve(options.uiBuild ?? 'build', 'handler.js');
  if (existsSync(handlerFile)) {
    const { handler } = (await import(handlerFile)) as { handler: (req: unknown, res: unknown, next: () => void) => void };
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/')) return reply.status(404).send({ error: 'NotFound', message: `no route ${request.method} ${request.url}` });
      reply.hijack();
      handler(request.raw, reply.raw, () => { reply.raw.statusCode = 404; reply.raw.end('not found'); });
    });
  }
  return app;
}

// The HTTP service (Fastify): routes, request schemas, limits, keys, CORS.
//
// Privacy: request bodies (page fingerprints, reference texts) are never
// logged; the request log, when switched on, holds method, route and status.
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type pg from 'pg';
import { DEFAULT_CANDIDATES, LIMITS, type CandidatesRequest } from '../online/api';
import { KeyRing, type ApiKey } from './keys';
import { parseIngestBody, ingestBodySchema } from './packs';
import { IngestError, type ReferenceStore } from './store';

export interface ServiceOptions {
  store: ReferenceStore;
  pool: pg.Pool;
  /** 'open': anyone may look up (rate-limited by address); 'key': a valid key is needed to read too. */
  readAccess: 'open' | 'key';
  /** Requests per minute per key (or per address without a key). */
  ratePerMinute: number;
  /** Extension origins allowed by CORS (chrome-extension://ID, moz-extension://UUID); empty: any extension origin. */
  extensionOrigins: readonly string[];
  /** Log method, route and status of each request: to stderr (true) or to a stream of one's own. */
  log: boolean | { write(line: string): void };
}

const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension|safari-web-extension):\/\/[a-z0-9-]+$/i;

export function isExtensionOrigin(origin: string, allowed: readonly string[]): boolean {
  return allowed.length > 0 ? allowed.includes(origin) : EXTENSION_ORIGIN.test(origin);
}

/** A database that cannot be reached, or stopped answering: the client may retry later. */
function isUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (e.code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '57014', '08006', '08001', '08003'].includes(e.code)) return true;
  return /timeout|Connection terminated|connect ECONNREFUSED|the database system is/i.test(e.message ?? '');
}

declare module 'fastify' {
  interface FastifyRequest {
    apiKey?: ApiKey;
  }
}

export async function buildService(options: ServiceOptions): Promise<FastifyInstance> {
  const keys = new KeyRing(options.pool);
  const app = Fastify({
    logger: options.log
      ? {
          level: 'info',
          stream: options.log === true ? process.stderr : options.log,
          serializers: {
            req: (req) => ({ method: req.method, route: req.routeOptions?.url ?? 'unknown' }),
            res: (res) => ({ statusCode: res.statusCode }),
          },
        }
      : false,
    bodyLimit: LIMITS.candidatesBodyBytes,
    // No request may hang: a slow client is cut off, and so is a handler waiting on a database that went away.
    connectionTimeout: 60_000,
    requestTimeout: 30_000,
    // Unknown fields are refused, not silently dropped: a client sending page text must hear about it.
    ajv: { customOptions: { allErrors: false, coerceTypes: false, removeAdditional: false } },
  });

  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && isExtensionOrigin(origin, options.extensionOrigins)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization'],
    maxAge: 600,
  });

  // The key (if any) is resolved before the rate limit, so the limit counts per key.
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) req.apiKey = await keys.lookup(header.slice(7).trim()).catch(() => undefined);
  });
  await app.register(rateLimit, {
    max: options.ratePerMinute,
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => (req.apiKey ? `key:${req.apiKey.name}` : `ip:${req.ip}`),
    errorResponseBuilder: (_req, context) => Object.assign(new Error(`rate limit: at most ${context.max} requests per minute; retry in ${context.after}`), { statusCode: 429 }),
  });

  app.addContentTypeParser('application/x-ndjson', { parseAs: 'string', bodyLimit: LIMITS.ingestBodyBytes }, (_req, body, done) => {
    const references: unknown[] = [];
    const lines = (body as string).split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (line === '') continue;
      try {
        references.push(JSON.parse(line));
      } catch {
        done(Object.assign(new Error(`line ${i + 1}: not JSON`), { statusCode: 400 }), undefined);
        return;
      }
    }
    done(null, { references });
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string; validation?: unknown }, _req, reply) => {
    if (error.validation) return reply.status(400).send({ error: `invalid request: ${error.message}` });
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send({ error: `request body too large: ${error.message}` });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.status(415).send({ error: error.message });
    if (error instanceof IngestError) return reply.status(400).send({ error: error.message });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return reply.status(error.statusCode).send({ error: error.message });
    if (isUnavailable(error)) return reply.status(503).header('retry-after', '2').send({ error: 'database unavailable, retry later' });
    app.log.error({ code: error.code }, 'internal error');
    return reply.status(500).send({ error: 'internal error' });
  });

  const needRead = async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.headers.authorization && !req.apiKey) return reply.status(401).send({ error: 'unknown API key' });
    if (options.readAccess === 'key' && !req.apiKey) return reply.status(401).send({ error: 'an API key is required (Authorization: Bearer KEY)' });
  };
  const needIngest = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.apiKey) return reply.status(401).send({ error: req.headers.authorization ? 'unknown API key' : 'an API key is required (Authorization: Bearer KEY)' });
    if (!req.apiKey.canIngest) return reply.status(403).send({ error: `key ${req.apiKey.name} may read but not add references` });
  };

  app.get('/v1/health', async () => ({ ok: true, references: await options.store.count() }));

  app.post<{ Body: CandidatesRequest }>(
    '/v1/candidates',
    {
      onRequest: needRead,
      schema: {
        body: {
          type: 'object',
          required: ['hashes'],
          additionalProperties: false,
          properties: {
            hashes: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 0xffffffff } },
            limit: { type: 'integer', minimum: 1, maximum: LIMITS.maxCandidates },
          },
        },
      },
    },
    async (req, reply) => {
      const { hashes, limit = DEFAULT_CANDIDATES } = req.body;
      if (hashes.length > LIMITS.maxHashes) return reply.status(413).send({ error: `too many hashes: ${hashes.length} (at most ${LIMITS.maxHashes})` });
      return options.store.candidates(hashes, limit);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/references/:id',
    { onRequest: needRead, schema: { params: { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9a-f]{16}$' } } } } },
    async (req, reply) => {
      const ref = await options.store.get(req.params.id);
      return ref ?? reply.status(404).send({ error: `no reference ${req.params.id}` });
    },
  );

  app.post('/v1/references', { onRequest: needIngest, bodyLimit: LIMITS.ingestBodyBytes, schema: { body: ingestBodySchema } }, async (req) => {
    const refs = await parseIngestBody(req.body);
    return options.store.ingest(refs);
  });

  return app;
}

import { z } from 'zod';
import type { RegisteredRoute } from './api-builder.js';
import { API_PREFIX } from './api-builder.js';
import { HTTP_STATUS } from './http-status.js';

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });

function jsonSchema(s: z.ZodType, io: 'input' | 'output'): unknown {
  // `unrepresentable: 'any'` keeps refinements and transforms from failing the whole document.
  return z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'openapi-3.0' });
}

/** The OpenAPI 3 document, generated from the registered routes' zod schemas. */
export function buildOpenApi(routes: readonly RegisteredRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const s = r.spec;
    const path = (API_PREFIX + s.path).replace(/:([A-Za-z]+)/g, '{$1}').replace('/api/v1', '');
    const op: Record<string, unknown> = {
      operationId: r.id,
      summary: s.summary,
      tags: [s.tag],
      'x-allowed': r.allowed,
      security: r.allowed === 'public' ? [] : [{ bearer: [] }, { cookie: [] }],
    };
    const parameters: unknown[] = [];
    for (const name of [...s.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1])) parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    if (s.query !== undefined) {
      const js = jsonSchema(s.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: 'query', required: js.required?.includes(name) ?? false, schema });
      }
    }
    if (parameters.length > 0) op.parameters = parameters;
    if (s.body !== undefined) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(s.body, 'input') } } };
    if (s.rawBody === true) {
      op.requestBody = { required: true, content: { 'application/x-ndjson': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } } };
    }
    const ok = s.produces !== undefined ? { content: { [s.produces]: { schema: { type: 'string' } } } } : s.response !== undefined ? { content: { 'application/json': { schema: jsonSchema(s.response, 'output') } } } : {};
    op.responses = {
      [s.method === 'post' && /\/(entries|users|checkpoints)$/.test(s.path) ? '201' : '200']: { description: 'success', ...ok },
      default: { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    };
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[s.method] = op;
  }
  return {
    openapi: '3.0.3',
    info: { title: 'ASPK central server', version: '1', description: 'Headquarters API: watchlists, crossings, audit, agent sync.' },
    servers: [{ url: API_PREFIX }],
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorBody, 'output') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'user token from /auth/login, or a checkpoint credential for /agent routes' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'aspk_sid' },
      },
    },
    'x-error-statuses': HTTP_STATUS,
  };
}

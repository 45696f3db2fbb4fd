import type { Hono } from 'hono';
import { z } from 'zod';
import type { Role } from '../auth/roles.js';
import type { WebEnv } from './context.js';
import { need } from './guard.js';

/*
 * GET /api/v1/openapi.json: an OpenAPI 3.1 description of the JSON API, for
 * clients and generators. The request bodies are zod schemas turned into JSON
 * Schema; answers are described in words (docs/api.md has their shape). A
 * test checks that every /api/v1 route the app registers is described here.
 */

const doneBody = z
  .object({
    note: z.string().describe('What was done; required unless items are ticked.').optional(),
    items: z.array(z.number().int().min(1)).describe('Checklist items done, 1-based.').optional(),
  })
  .describe('A sign-off, as `ronde done`.');
const ackBody = z.object({
  reason: z.string().min(1).describe('Why ("disk ordered, until Friday"); required.'),
  for: z.string().describe('How long (`4d`); default: until the check is OK again.').optional(),
});
const spanBody = z.object({
  selector: z
    .string()
    .min(1)
    .describe('`host=`, `tag=`, `kind=`, `check=`, comma-separated; all must match.'),
  reason: z.string().min(1).describe('Why; required.'),
  for: z.string().describe('How long (`1h`, `1d`).').optional(),
  endWhenOk: z
    .boolean()
    .describe('Maintenance only: end early once everything covered is OK again.')
    .optional(),
});

interface Op {
  method: 'get' | 'post';
  /** OpenAPI path, `{param}` style. */
  path: string;
  summary: string;
  role: Role;
  body?: z.ZodType;
  query?: string[];
}

const OPS: Op[] = [
  { method: 'get', path: '/session', summary: 'The session: user, role, CSRF token, expiry', role: 'viewer' },
  { method: 'get', path: '/routines', summary: 'Every routine, overdue first', role: 'viewer' },
  {
    method: 'get',
    path: '/routines/{id}',
    summary: 'One routine with its linked checks and sign-offs',
    role: 'viewer',
  },
  {
    method: 'post',
    path: '/routines/{id}/done',
    summary: 'Sign a routine off',
    role: 'operator',
    body: doneBody,
  },
  {
    method: 'get',
    path: '/problems',
    summary: 'Counts by status, problems by host, ronde’s own health',
    role: 'viewer',
  },
  {
    method: 'get',
    path: '/changes',
    summary: 'Status changes, newest first',
    role: 'viewer',
    query: ['limit'],
  },
  { method: 'get', path: '/hosts/{host}', summary: 'Every check of a host', role: 'viewer' },
  {
    method: 'get',
    path: '/hosts/{host}/checks/{check}',
    summary: 'A check: changes, recent results, its number',
    role: 'viewer',
  },
  {
    method: 'post',
    path: '/hosts/{host}/checks/{check}/ack',
    summary: 'Acknowledge a problem',
    role: 'operator',
    body: ackBody,
  },
  {
    method: 'post',
    path: '/hosts/{host}/checks/{check}/unack',
    summary: 'End an acknowledgement',
    role: 'operator',
  },
  {
    method: 'get',
    path: '/silences',
    summary: 'Acknowledgements, silences and windows in force',
    role: 'viewer',
  },
  { method: 'post', path: '/silences', summary: 'Open a silence', role: 'operator', body: spanBody },
  { method: 'post', path: '/silences/{id}/end', summary: 'End a silence', role: 'operator' },
  {
    method: 'post',
    path: '/maintenance',
    summary: 'Open a maintenance window',
    role: 'operator',
    body: spanBody,
  },
  { method: 'post', path: '/maintenance/{id}/end', summary: 'End a maintenance window', role: 'operator' },
  {
    method: 'get',
    path: '/backups',
    summary: 'Every backup set: newest age, size, size trend',
    role: 'viewer',
  },
  {
    method: 'get',
    path: '/releases',
    summary: 'Releases seen and announced; hosts running older ones',
    role: 'viewer',
  },
  {
    method: 'get',
    path: '/audit',
    summary: 'The audit log, newest first',
    role: 'viewer',
    query: ['limit', 'before', 'actor', 'action'],
  },
  { method: 'get', path: '/openapi.json', summary: 'This description', role: 'viewer' },
];

export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPS) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = (op.query ?? []).map((name) => ({
      name,
      in: 'query',
      required: false,
      schema: { type: 'string' },
    }));
    const security = op.method === 'post' ? [{ session: [], csrf: [] }] : [{ session: [] }];
    paths[`/api/v1${op.path}`] ??= {};
    paths[`/api/v1${op.path}`]![op.method] = {
      summary: op.summary,
      description: `Needs the ${op.role} role.`,
      security,
      ...(params.length + query.length > 0 ? { parameters: [...params, ...query] } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: z.toJSONSchema(op.body, { target: 'openapi-3.0' }) } },
            },
          }
        : {}),
      responses: {
        [op.path.endsWith('/done') ? '201' : '200']: { description: 'See docs/api.md for the fields.' },
        '401': { description: 'Not logged in.' },
        '403': { description: `Not ${op.role}, or (POST) a missing CSRF token.` },
        ...(op.method === 'post' ? { '422': { description: 'Refused, with `error` saying why.' } } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'ronde', version, description: 'The team page’s JSON API (docs/api.md).' },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'ronde_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
    },
    paths,
  };
}

export function openApiRoute(app: Hono<WebEnv>, version: string): void {
  app.get('/api/v1/openapi.json', need('viewer'), (c) => c.json(openApiDocument(version)));
}

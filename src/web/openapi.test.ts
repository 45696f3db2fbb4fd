import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Kit, webKit } from './test-kit.js';

let kit: Kit;
beforeAll(async () => {
  kit = await webKit();
});
afterAll(() => kit.close());

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
}

it('describes every /api/v1 route the app registers, and only those', async () => {
  const res = await kit.req('GET', '/api/v1/openapi.json', { as: 'viewer' });
  expect(res.status).toBe(200);
  const doc = (await res.json()) as Doc;
  expect(doc.openapi).toBe('3.1.0');
  const described = Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
  const registered = kit.app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'))
    .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
  expect(described).toEqual([...new Set(registered)].sort());
  // Request bodies come from zod schemas: the acknowledgement's reason is required.
  const ack =
    doc.paths['/api/v1/hosts/{host}/checks/{check}/ack']?.post?.requestBody?.content['application/json'];
  expect(ack?.schema).toMatchObject({ type: 'object', required: ['reason'] });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registry } from '../checks/index.js';
import { defineCheck } from '../core/check.js';
import { Registry } from '../core/registry.js';
import { parseConfig } from './load.js';
import { configReference, spliceReference } from './reference.js';
import { buildJsonSchema } from './schema.js';

const pingKind = defineCheck({
  id: 'test.ping',
  title: 'Test ping',
  options: z.object({ count: z.number().int().default(3), host: z.string() }).strict(),
  zeroConfig: false,
  commands: () => [],
  evaluate: () => ({ status: 'OK', summary: 'fine' }),
});

// biome-ignore lint/suspicious/noExplicitAny: a test walking generated JSON Schema
type Json = Record<string, any>;

describe('buildJsonSchema', () => {
  it('works with no kind registered: options is any object', () => {
    const schema = buildJsonSchema(new Registry()) as Json;
    const item = schema.properties.checks.items;
    expect(item.properties.kind.type).toBe('string');
    expect(item.properties.options.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
  });

  it('gives each registered kind its options schema, selected by kind', () => {
    const schema = buildJsonSchema(new Registry().register(pingKind)) as Json;
    const branches = schema.properties.checks.items.oneOf as Json[];
    expect(branches).toHaveLength(1);
    const [ping] = branches;
    expect(ping!.properties.kind.const).toBe('test.ping');
    expect(ping!.properties.options).toMatchObject({
      type: 'object',
      properties: { count: { type: 'integer', default: 3 }, host: { type: 'string' } },
      required: ['host'],
      additionalProperties: false,
    });
  });

  it('describes durations by their input forms', () => {
    const schema = buildJsonSchema(new Registry()) as Json;
    const interval = schema.properties.defaults.properties.interval;
    expect(interval.default).toBe('5m');
    expect(interval.anyOf.map((b: Json) => b.type).sort()).toEqual(['number', 'string']);
  });
});

describe('committed generated files', () => {
  const hint = 'stale: run `npx tsx scripts/gen-schema.ts` and commit the result';

  it('docs/schema/ronde.schema.json is the schema of the registered kinds', () => {
    const committed = readFileSync(new URL('../../docs/schema/ronde.schema.json', import.meta.url), 'utf8');
    expect(committed, hint).toBe(`${JSON.stringify(buildJsonSchema(registry), null, 2)}\n`);
  });

  const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');

  it('docs/configuration.md holds the current key reference', () => {
    expect(doc, hint).toBe(spliceReference(doc, configReference()));
  });

  it('the complete example of docs/configuration.md is valid', () => {
    const example = doc.split('## A complete example')[1]!.split('```yaml\n')[1]!.split('```')[0]!;
    const config = parseConfig(example, 'docs/configuration.md', registry);
    expect(config.hosts.map((h) => h.name)).toEqual(['monitor', 'bastion', 'web1']);
    expect(config.checks?.map((c) => c.name)).toEqual(['apt.pending', 'system.disk', 'reboot-web']);
  });
});

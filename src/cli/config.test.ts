import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCheck } from '../core/check.js';
import { Registry } from '../core/registry.js';
import { type ConfigCliIo, configCommand, schemaCommand, validateConfig } from './config.js';

const registry = new Registry().register(
  defineCheck({
    id: 'test.ping',
    title: 'Test ping',
    options: z.object({ count: z.number().int().default(3) }).strict(),
    zeroConfig: true,
    commands: () => [],
    evaluate: () => ({ status: 'OK', summary: 'fine' }),
  }),
);

const dir = mkdtempSync(join(tmpdir(), 'ronde-cli-config-'));
function io(): ConfigCliIo & { out: string; err: string } {
  const o = {
    out: '',
    err: '',
    env: {},
    cwd: () => dir,
    stdout: (t: string) => {
      o.out += t;
    },
    stderr: (t: string) => {
      o.err += t;
    },
  };
  return o;
}

describe('ronde config validate', () => {
  it('prints every located problem and returns 78 for a config with three mistakes', async () => {
    writeFileSync(
      join(dir, 'bad.yaml'),
      'hosts:\n  - name: web1\n    address: 3\n    tag: [web]\n  - name: db1\n   local: true\nchecks:\n  - kind: test.png\n',
    );
    const out = io();
    expect(await validateConfig(registry, { config: 'bad.yaml' }, out)).toBe(78);
    expect(out.err.split('\n')).toEqual([
      'bad.yaml:3:14: hosts[0].address: expected string, received number',
      'bad.yaml:4:5: hosts[0].tag: unknown key (did you mean "tags"?)',
      'bad.yaml:6:1: Sequence item without - indicator',
      'bad.yaml:8:11: checks[0].kind: unknown check kind "test.png" (did you mean "test.ping"?); available: test.ping',
      '4 problems in the configuration',
      '',
    ]);
    expect(out.out).toBe('');
  });

  it('says valid with counts, through the commander command and a global --config', async () => {
    writeFileSync(
      join(dir, 'good.yaml'),
      'hosts: [{ name: a }, { name: b }]\nchecks: [{ kind: test.ping }]\n',
    );
    const out = io();
    const root = new Command('ronde').option('--config <file>').exitOverride();
    root.addCommand(configCommand(registry, out));
    await root.parseAsync(['node', 'ronde', '--config', 'good.yaml', 'config', 'validate']);
    expect(out.out).toBe(`${join(dir, 'good.yaml')}: valid — 2 hosts, 1 checks, 0 routines\n`);
    expect(out.err).toBe('');
  });

  it('says zero-config when there is no file', async () => {
    const out = io();
    expect(await validateConfig(registry, { systemPath: join(dir, 'none.yaml') }, out)).toBe(0);
    expect(out.out).toMatch(/^no configuration file .*zero-config/);
  });

  it('throws a usage error (mapped to 64 by main) on an unknown option', async () => {
    const cmd = configCommand(registry, io());
    await expect(cmd.parseAsync(['validate', '--nope'], { from: 'user' })).rejects.toBeInstanceOf(
      CommanderError,
    );
  });
});

describe('ronde schema', () => {
  it('prints a JSON Schema with the options of the registered kinds', async () => {
    const out = io();
    await schemaCommand(registry, out).parseAsync([], { from: 'user' });
    const schema = JSON.parse(out.out);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.checks.items.oneOf[0].properties.kind.const).toBe('test.ping');
  });
});

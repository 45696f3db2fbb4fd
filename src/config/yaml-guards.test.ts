import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCheck } from '../core/check.js';
import { Registry } from '../core/registry.js';
import { ConfigError, parseConfig } from './load.js';
import { MAX_LISTED_PROBLEMS } from './locate.js';
import { MAX_ALIAS_VALUES, MAX_FLOW_DEPTH } from './yaml-guards.js';

// ronde.yaml may live in a shared repository: these files are what a hostile colleague could push.

const registry = new Registry().register(
  defineCheck({
    id: 'system.disk',
    title: 'disk',
    options: z.object({ warn: z.number().default(1) }).strict(),
    zeroConfig: true,
    commands: () => [],
    evaluate: () => ({ status: 'OK', summary: 'fine' }),
  }),
);

function configError(text: string): ConfigError {
  try {
    parseConfig(text, 'ronde.yaml', registry);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw new Error(`expected a ConfigError, got ${String(err)}`);
  }
  throw new Error('expected a ConfigError, the file was accepted');
}

/** "Billion laughs": each level is nine aliases of the one before, 9^9 values from a 10-line file. */
function aliasBomb(levels = 9): string {
  const names = 'abcdefghijklmnop';
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < levels; i++)
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}

const cpuSeconds = (f: () => void): number => {
  const t0 = process.cpuUsage();
  f();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1e6;
};

describe('YAML aliases under hostile input', () => {
  it('an alias bomb is one located problem, found at once', () => {
    let err: ConfigError | undefined;
    expect(cpuSeconds(() => (err = configError(aliasBomb())))).toBeLessThan(5);
    expect(err!.format()).toMatch(
      /^ronde\.yaml:9:\d+: aliases would add [\d,]+ values to the file, more than the 100,000 allowed \(an alias bomb\?\); the largest, \*h, stands for [\d,]+$/,
    );
    expect(err!.problems).toHaveLength(1);
  });

  it('a bomb too deep for exact numbers is still refused', () => {
    expect(configError(aliasBomb(16)).problems[0]!.message).toMatch(/more than 10\^15/);
  });

  it('an undefined alias is located, and names the anchor to define', () => {
    const err = configError('hosts:\n  - name: web1\n    tags: *web\n');
    expect(err.format()).toBe('ronde.yaml:3:11: alias *web refers to no anchor: define &web before using it');
  });

  it('an alias used before its anchor is undefined too (YAML reads in order)', () => {
    expect(configError('defaults: { ssh: *s }\nx: &s { port: 22 }\n').problems[0]).toMatchObject({
      line: 1,
      col: 18,
    });
  });

  it('an alias inside its own anchor (an endless structure) is located', () => {
    expect(configError('hosts: &h [{ name: a, tags: *h }]\n').format()).toBe(
      'ronde.yaml:1:29: alias *h is inside its own anchor &h: it stands for an endless structure',
    );
  });

  it('ordinary sharing by anchors is accepted, up to the limit', () => {
    const hosts = Array.from({ length: 200 }, (_, i) => `  - { name: h${i}, ssh: *ssh }`).join('\n');
    const config = parseConfig(
      `defaults:\n  ssh: &ssh { port: 2222, user: ops }\nhosts:\n${hosts}\n`,
      'ronde.yaml',
      registry,
    );
    expect(config.hosts).toHaveLength(200);
    expect(config.hosts[199]!.ssh).toMatchObject({ port: 2222, user: 'ops' });
    // The limit is about values added, not aliases used.
    const many = Array.from({ length: 2000 }, () => '*t').join(', ');
    expect(() => parseConfig(`x: &t [a]\ny: [${many}]\n`, 'ronde.yaml', registry)).toThrow(/unknown key/);
    const over = Array.from({ length: MAX_ALIAS_VALUES / 9 + 1 }, () => '*t').join(', ');
    expect(configError(`x: &t [a, b, c, d, e, f, g, h]\ny: [${over}]\n`).format()).toMatch(/alias bomb/);
  });
});

describe('validation of a huge file', () => {
  const unknownKeys = (n: number) =>
    `defaults:\n${Array.from({ length: n }, (_, i) => `  key${i}: ${i}`).join('\n')}\n`;

  it('100,000 unknown keys: under 5 s of CPU, and the listing stops after 50 with the count of the rest', () => {
    const text = unknownKeys(100_000);
    let err: ConfigError | undefined;
    // CPU time, not wall time: the verdict must not depend on how busy the machine is.
    const cpu = cpuSeconds(() => {
      err = configError(text);
    });
    expect(cpu).toBeLessThan(5);
    expect(err!.problems).toHaveLength(100_000);
    const lines = err!.format().split('\n');
    expect(lines).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(lines[0]).toBe('ronde.yaml:2:3: defaults.key0: unknown key');
    expect(lines[49]).toBe('ronde.yaml:51:3: defaults.key49: unknown key');
    expect(lines[50]).toBe('… and 99950 more problems (not listed)');
  }, 180_000); // wall time: CPU is what is asserted, and a loaded machine took 33 s

  it('grows linearly: ten times the keys cost about ten times the time, not a hundred', () => {
    configError(unknownKeys(1000)); // warm up the JIT
    const small = cpuSeconds(() => configError(unknownKeys(5000)));
    const large = cpuSeconds(() => configError(unknownKeys(50_000)));
    // Linear is ×10; the n² it replaces was ×100 and more. ×30 leaves room for GC noise.
    expect(large / small).toBeLessThan(30);
  }, 180_000); // wall time: CPU is what is asserted, and a loaded machine took 33 s

  it('duplicate keys are still refused, each located, in linear time', () => {
    expect(configError('hosts: []\nteam: []\nhosts: []\n').format()).toBe(
      'ronde.yaml:3:1: Map keys must be unique',
    );
    expect(configError('defaults: { interval: 5m, interval: 1m }\n').format()).toBe(
      'ronde.yaml:1:27: Map keys must be unique',
    );
    const dup = `defaults:\n${Array.from({ length: 50_000 }, () => '  interval: 5m').join('\n')}\n`;
    let err: ConfigError | undefined;
    expect(cpuSeconds(() => (err = configError(dup)))).toBeLessThan(5);
    expect(err!.problems).toHaveLength(49_999);
  }, 180_000); // wall time: CPU is what is asserted, and a loaded machine took 33 s

  it('one problem is listed alone, without a count', () => {
    expect(configError('defaults: { nope: 1 }\n').format()).toBe(
      'ronde.yaml:1:13: defaults.nope: unknown key',
    );
  });
});

describe('deeply nested collections', () => {
  it('are refused before parsing, located, instead of crashing the parser', () => {
    // Ten thousand levels ran the YAML parser out of memory: a crash no catch can turn into a problem.
    const deep = `hosts:\n  - tags: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    expect(configError(deep).format()).toBe(
      `ronde.yaml:2:${11 + MAX_FLOW_DEPTH}: collections nested more than 500 levels deep: not a configuration`,
    );
  });

  it('brackets in quoted strings and comments do not count', () => {
    const [a, b, c] = ['['.repeat(600), '{'.repeat(600), '['.repeat(600)];
    const text = `routines:\n  - id: r1\n    title: "${a}"\n    every: 1w\n    checklist: ['${b}']  # ${c}\n`;
    const config = parseConfig(text, 'ronde.yaml', registry);
    expect([config.routines[0]!.title, config.routines[0]!.checklist]).toEqual([a, [b]]);
  });
});

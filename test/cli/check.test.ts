import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkOutputJsonSchema } from '../../src/cli/check-output.js';
import { EXIT_CODE, type Status, worst } from '../../src/core/status.js';
import { ronde, tempDir } from './run-cli.js';

const published = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../docs/schema/check-output.schema.json'), 'utf8'),
);

describe('ronde check, zero-config, on this machine', () => {
  const data = tempDir();
  const env = { XDG_DATA_HOME: data };
  const run = ronde(['check', '--json'], env);
  const doc = JSON.parse(run.stdout);

  it('prints a JSON document that validates against the published schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(published);
    expect((validate.errors ?? validate(doc)) ? [] : validate.errors).toEqual([]);
    expect(validate(doc)).toBe(true);
  });

  it('publishes the schema generated from the code (npx tsx scripts/gen-output-schema.ts)', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(checkOutputJsonSchema())));
  });

  it('exits with the worst counted status, not-applicable results aside', () => {
    const results = doc.targets.flatMap(
      (t: { results: { status: Status; notApplicable?: boolean }[] }) => t.results,
    );
    const counted = results.filter((r: { notApplicable?: boolean }) => !r.notApplicable);
    const expected = worst(counted.map((r: { status: Status }) => r.status));
    expect(doc.status).toBe(expected);
    expect(run.code).toBe(EXIT_CODE[expected]);
    expect(doc.exitCode).toBe(run.code);
  });

  it('runs the zero-config checks on the local machine and saves the round', () => {
    expect(doc.config).toBeNull();
    expect(doc.targets).toHaveLength(1);
    expect(doc.targets[0].transport).toBe('local');
    expect(doc.targets[0].results.map((r: { kind: string }) => r.kind)).toContain('system.disk');
    expect(doc.round).toBeGreaterThan(0);
    for (const r of doc.targets[0].results)
      if (r.status === 'UNKNOWN') expect(r.reasons.length).toBeGreaterThan(0);
  });

  it('prints one line per check, grouped by host, and a summary; no colour when NO_COLOR is set', () => {
    const text = ronde(['check'], env);
    expect(text.code).toBe(run.code);
    expect(text.stdout).toMatch(/ \(local\)\n/);
    expect(text.stdout).toMatch(/^\s+(OK|WARN|CRIT|UNKNOWN|n\/a)\s+system\.disk\s+\S/m);
    expect(text.stdout).toMatch(/^(OK|WARN|CRIT|UNKNOWN): \d+ /m);
    expect(text.stdout).not.toContain('\x1b[');
  });
});

describe('ronde check, usage and configuration errors', () => {
  it('exits 64 on a usage error', () => {
    expect(ronde(['check', '--no-such-flag']).code).toBe(64);
    const r = ronde(['check', '--check', 'no.such']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('unknown check "no.such"');
  });

  it('exits 78 with every located problem of a broken ronde.yaml, never a stack trace', () => {
    const dir = tempDir();
    const file = join(dir, 'ronde.yaml');
    writeFileSync(
      file,
      [
        'defaults:',
        '  concurrency: many', // wrong type
        'hosts:',
        '  - name: web1',
        '    adress: 127.0.20.1', // unknown key (typo)
        'checks:',
        '  - kind: system.disk',
        '     on: all', // bad indentation
        '',
      ].join('\n'),
    );
    const r = ronde(['check', '--config', file]);
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/ronde\.yaml:\d+:\d+: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const yamlOnly = r.stderr.includes('adress') && r.stderr.includes('concurrency');
    // A YAML syntax error may hide schema problems of the same document; what can be located is.
    expect(yamlOnly || /ronde\.yaml:8:\d+/.test(r.stderr)).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../core/command.js';
import { evaluateZonemaster } from './index.js';
import { Options } from './options.js';
import { actionable, findingKey, findingText, parseZonemaster } from './parse.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/dns/zonemaster/${name}`, import.meta.url), 'utf8');
const out = (stdout: string, extra: Partial<CommandResult> = {}): CommandResult => ({
  argv: [],
  exitCode: 0,
  stdout,
  stderr: '',
  timedOut: false,
  durationMs: 1,
  ...extra,
});
const o = Options.parse({ domains: ['example.test'] });

describe('parseZonemaster (zonemaster-cli 5.0.2 output)', () => {
  it('reads each message with its id and translated text', () => {
    const ms = parseZonemaster(fixture('unreachable-root.jsonl'))!;
    expect(ms.map((m) => `${m.level} ${m.module}/${m.tag}`)).toEqual([
      'CRITICAL BASIC/NO_GLUE_PREVENTS_NAMESERVER_TESTS',
      'CRITICAL SYSTEM/CANNOT_CONTINUE',
    ]);
    expect(findingText(ms[1]!)).toBe(
      'CRITICAL CANNOT_CONTINUE: Not enough data about example.test was found to be able to run tests.',
    );
    expect(findingKey(ms[1]!)).toBe('SYSTEM/CANNOT_CONTINUE(domain="example.test")');
  });
  it('reads the --json array too, and refuses what is not JSON', () => {
    expect(parseZonemaster('[{"level":"WARNING","tag":"X","module":"M","args":{}}]')).toHaveLength(1);
    expect(parseZonemaster('Unknown option: --')).toBeNull();
    expect(
      actionable(parseZonemaster('{"level":"INFO","tag":"A"}\n{"level":"ERROR","tag":"B"}')!),
    ).toHaveLength(1);
  });
  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseZonemaster(s)));
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue()),
        (a) => void parseZonemaster(a.map((x) => JSON.stringify(x)).join('\n')),
      ),
    );
  });
});

describe('evaluateZonemaster', () => {
  it('CRITICAL is CRIT, each finding with its message id', () => {
    const r = evaluateZonemaster([out(fixture('unreachable-root.jsonl'))], o);
    expect(r.status).toBe('CRIT');
    expect(r.summary).toBe(
      '2 findings: example.test: CRITICAL NO_GLUE_PREVENTS_NAMESERVER_TESTS: No NS records for tested zone from parent. NS tests skipped.',
    );
  });
  it('says what is new first, and nothing new on an unchanged run', () => {
    const first = evaluateZonemaster([out(fixture('unreachable-root.jsonl'))], o);
    expect(evaluateZonemaster([out(fixture('unreachable-root.jsonl'))], o, first.details).summary).toMatch(
      /^nothing new since the last run \(2 findings/,
    );
    const one = fixture('unreachable-root.jsonl').split('\n')[0]!;
    const before = evaluateZonemaster([out(one)], o);
    const now = evaluateZonemaster([out(fixture('unreachable-root.jsonl'))], o, before.details);
    expect(now.summary).toBe(
      '1 new since the last run: example.test: CRITICAL CANNOT_CONTINUE: Not enough data about example.test was found to be able to run tests. (1 known)',
    );
    expect(now.reasons?.[0]).toMatch(/^new: example\.test: CRITICAL CANNOT_CONTINUE/);
  });
  it('says it in French to a French team, Zonemaster’s own messages quoted', () => {
    const first = evaluateZonemaster([out(fixture('unreachable-root.jsonl'))], o, undefined, 'fr');
    expect(first.summary).toBe(
      '2 constats : example.test : CRITICAL NO_GLUE_PREVENTS_NAMESERVER_TESTS: No NS records for tested zone from parent. NS tests skipped.',
    );
    const one = fixture('unreachable-root.jsonl').split('\n')[0]!;
    const before = evaluateZonemaster([out(one)], o, undefined, 'fr');
    const now = evaluateZonemaster([out(fixture('unreachable-root.jsonl'))], o, before.details, 'fr');
    expect(now.summary).toBe(
      '1 nouveau constat depuis la dernière exécution : example.test : CRITICAL CANNOT_CONTINUE: ' +
        'Not enough data about example.test was found to be able to run tests. (1 déjà connu)',
    );
    expect(now.reasons?.[0]).toMatch(/^nouveau : example\.test : CRITICAL CANNOT_CONTINUE/);
    expect(
      evaluateZonemaster([out(fixture('unreachable-root.jsonl'))], o, first.details, 'fr').summary,
    ).toMatch(/^rien de nouveau depuis la dernière exécution \(2 constats, le premier : /);
  });
  it('a missing zonemaster-cli, a timeout or garbage is UNKNOWN, never OK', () => {
    expect(evaluateZonemaster([out('', { exitCode: 127 })], o).summary).toMatch(
      /apt-get install zonemaster-cli/,
    );
    expect(evaluateZonemaster([out('', { timedOut: true, exitCode: null })], o).status).toBe('UNKNOWN');
    expect(evaluateZonemaster([out('Unknown option', { exitCode: 2 })], o).status).toBe('UNKNOWN');
    expect(evaluateZonemaster([out('')], o).status).toBe('OK');
  });
});

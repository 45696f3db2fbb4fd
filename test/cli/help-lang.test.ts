import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnglishWords } from '../helpers/cli-english.js';
import { ronde, tempDir } from './run-cli.js';

const PROGRAM = join(import.meta.dirname, '../../dist/cli/program.js');

/**
 * The `--help` of every command, as `ronde … --help` prints it, walked from
 * the commander tree of dist/ in one process (a new command is covered
 * without a word here), in the locale `lang`.
 */
function allHelp(env: Record<string, string>): Map<string, string> {
  const script = `
    const { program } = await import(${JSON.stringify(PROGRAM)});
    const out = {};
    const walk = (cmd, path) => {
      let text = '';
      cmd.configureOutput({ writeOut: (s) => { text += s; } });
      cmd.outputHelp();
      out[path.join(' ')] = text;
      for (const sub of cmd.commands) walk(sub, [...path, sub.name()]);
    };
    walk(program(), []);
    process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    cwd: tempDir('ronde-cwd-'),
    // No config file may decide the language: only the locale does here.
    env: { PATH: process.env.PATH ?? '', HOME: tempDir(), RONDE_CONFIG: '/nonexistent/ronde.yaml', ...env },
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return new Map(Object.entries(JSON.parse(r.stdout) as Record<string, string>));
}

/*
 * Commands whose words are not converted yet: their --help is still English.
 * Empty since every command speaks both languages; a command added in
 * English only fails the test below rather than being listed here.
 */
const PENDING = new Set<string>();

/** A help without the lines of PENDING commands in its list of commands: their summaries are theirs. */
function withoutPending(help: string): string {
  let skipping = false;
  return help
    .split('\n')
    .filter((line) => {
      const item = /^ {2}([a-z][a-z-]*)\b/.exec(line);
      if (item) skipping = PENDING.has(item[1]!);
      else if (!/^ {3,}\S/.test(line)) skipping = false;
      return !skipping;
    })
    .join('\n');
}

/**
 * Names are not words: identifiers with an underscore (known_hosts,
 * done_when), and runs of subcommand names ("add, end, list").
 */
function withoutNames(help: string, commands: ReadonlySet<string>): string {
  return help
    .replace(/\S*_\S*/g, ' ')
    .replace(/\b[a-z-]+(?:,\s+[a-z-]+)+/g, (run) =>
      run.split(/,\s+/).every((w) => commands.has(w)) ? ' ' : run,
    );
}

describe('--help in the user’s language', () => {
  const fr = allHelp({ LANG: 'fr_FR.UTF-8' });
  const en = allHelp({ LANG: 'C' });

  it('walks every command and subcommand', () => {
    expect([...fr.keys()]).toEqual([...en.keys()]);
    expect([...fr.keys()]).toEqual(
      expect.arrayContaining(['', 'check', 'hosts trust', 'docker prune', 'routines show', 'outbox retry']),
    );
  });

  it('says every help in French with LANG=fr_FR.UTF-8, commander’s words too', () => {
    const names = new Set([...fr.keys()].flatMap((p) => p.split(' ')));
    const english: string[] = [];
    for (const [path, help] of fr) {
      expect(help, path).toMatch(/^Utilisation : ronde/);
      expect(help, path).toContain('afficher l’aide de la commande');
      expect(help, path).not.toMatch(/^(Options|Commands|Arguments):$/m);
      // French is longer than English: it must fit in 80 columns too (output.test.ts checks English).
      for (const line of help.split('\n')) expect(line.length, `${path}: ${line}`).toBeLessThanOrEqual(80);
      if (PENDING.has(path.split(' ')[0]!)) continue;
      // Identifiers with an underscore (known_hosts, done_when) are names, not words.
      const words = cliEnglishWords(withoutNames(withoutPending(help), names));
      if (words.length > 0) english.push(`ronde ${path} --help: ${words.join(' ')}\n${help}`);
    }
    expect(english).toEqual([]);
  });

  it('says it in English with LANG=C', () => {
    for (const [path, help] of en) {
      expect(help, path).toMatch(/^Usage: ronde/);
      expect(help, path).toContain('display help for command');
      expect(help, path).not.toMatch(/Utilisation|affiche/);
    }
  });

  it('follows the language: of the configuration before the locale', () => {
    const dir = tempDir();
    const config = join(dir, 'ronde.yaml');
    writeFileSync(config, 'language: fr\n');
    const r = ronde(['--config', config, 'hosts', '--help'], { LANG: 'C' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Utilisation : ronde hosts/);
    expect(ronde(['hosts', '--help'], { LANG: 'fr_FR.UTF-8' }).stdout).toMatch(/^Utilisation :/);
    expect(ronde(['hosts', '--help'], { LC_ALL: 'C', LANG: 'fr_FR.UTF-8' }).stdout).toMatch(/^Usage:/);
  });

  it('says a usage error in French, with its suggestion, exit 64', () => {
    const r = ronde(['hosts', '--jsn'], { LANG: 'fr_FR.UTF-8' });
    expect(r.code).toBe(64);
    expect(r.stderr).toBe("erreur : option inconnue '--jsn'\n(Vouliez-vous dire --json ?)\n");
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { commanderMessage, speakCommander } from './commander-lang.js';
import { configLanguage, setCliLang } from './lang.js';

afterEach(() => setCliLang(undefined));

/** A small program like ronde's, its errors caught instead of exiting. */
function program(): { root: Command; errors: string[] } {
  const errors: string[] = [];
  const root = new Command('ronde')
    .option('--config <file>', 'configuration file')
    .showSuggestionAfterError();
  const hosts = root
    .command('hosts')
    .argument('[hosts...]', 'selectors')
    .option('--json', 'JSON', false)
    .option('--timeout <seconds>', 'limit', (v) => {
      throw new InvalidArgumentError(`not ${v}`);
    });
  hosts.command('trust').argument('<name>', 'host').requiredOption('--reason <text>', 'why');
  root.addOption(new Option('--lang <lang>', 'language').choices(['en', 'fr']));
  speakCommander(root);
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const c of all(root))
    c.exitOverride().configureOutput({ writeErr: (s) => errors.push(s), writeOut: () => {} });
  return { root, errors };
}

function failWith(args: string[]): string {
  const { root, errors } = program();
  expect(() => root.parse(args, { from: 'user' })).toThrow();
  return errors.join('');
}

describe('commander in French', () => {
  it.each([
    [['--jsn'], "erreur : option inconnue '--jsn'"],
    [['hosts', '--jsno'], "erreur : option inconnue '--jsno'\n(Vouliez-vous dire --json ?)"],
    [['hots'], "erreur : commande inconnue 'hots'\n(Vouliez-vous dire hosts ?)"],
    [['hosts', 'trust', '--reason', 'x'], "erreur : argument obligatoire manquant : 'name'"],
    [
      ['hosts', 'trust', 'a', 'b', '--reason', 'x'],
      "erreur : trop d’arguments pour 'trust' : 1 attendu, 2 donnés.",
    ],
    [['hosts', 'trust', 'a'], "erreur : l’option obligatoire '--reason <text>' n’est pas donnée"],
    [['hosts', '--timeout'], "erreur : l’option '--timeout <seconds>' attend une valeur"],
    [['hosts', '--timeout', '9'], "erreur : option '--timeout <seconds>' : valeur '9' invalide. not 9"],
    [['--lang', 'de'], "erreur : option '--lang <lang>' : valeur 'de' invalide. Valeurs possibles : en, fr."],
  ])('%j → %s', (args, said) => {
    setCliLang('fr');
    expect(failWith(args)).toBe(`${said}\n`);
  });

  it('titles, the help option and defaults', () => {
    setCliLang('fr');
    const help = program().root.commands[0]!.helpInformation();
    expect(help).toMatch(/^Utilisation : ronde hosts/);
    for (const s of ['Arguments :', 'Options :', 'Commandes :', '(par défaut : false)', 'afficher l’aide'])
      expect(help).toContain(s);
    expect(program().root.helpInformation()).toMatch(/help \[command\] +afficher l’aide de la commande/);
  });

  it('English is commander’s own, word for word', () => {
    setCliLang('en');
    expect(failWith(['hosts', '--jsno'])).toBe("error: unknown option '--jsno'\n(Did you mean --json?)\n");
    expect(failWith(['hosts', 'trust', 'a', 'b', '--reason', 'x'])).toBe(
      "error: too many arguments for 'trust'. Expected 1 argument but got 2.\n",
    );
    const help = program().root.helpInformation();
    expect(help).toMatch(/^Usage: ronde/);
    expect(help).toContain('display help for command');
  });

  it('keeps a message it does not recognise', () => {
    setCliLang('fr');
    expect(commanderMessage('error: something new', 'commander.unknownOption')).toBe('error: something new');
  });
});

describe('configLanguage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ronde-lang-'));
  writeFileSync(join(dir, 'fr.yaml'), 'language: fr\nhosts: []\n');
  writeFileSync(join(dir, 'ronde.yaml'), 'hosts: []\nlanguage: "en" # the team\n');
  writeFileSync(join(dir, 'bad.yaml'), 'language: [fr\n');
  const none = join(dir, 'none.yaml');

  it('reads the file a command would load', () => {
    expect(configLanguage(['--config', 'fr.yaml', 'hosts'], {}, dir, none)).toBe('fr');
    expect(configLanguage(['hosts', '--config=fr.yaml'], {}, dir, none)).toBe('fr');
    expect(configLanguage([], { RONDE_CONFIG: join(dir, 'fr.yaml') }, dir, none)).toBe('fr');
    expect(configLanguage([], {}, dir, none)).toBe('en');
    expect(configLanguage([], {}, tmpdir(), join(dir, 'fr.yaml'))).toBe('fr');
  });

  it('leaves it to the locale when the file is missing, broken or says nothing', () => {
    expect(configLanguage(['--config', 'missing.yaml'], {}, dir, none)).toBeUndefined();
    expect(configLanguage(['--config', 'bad.yaml'], {}, dir, none)).toBeUndefined();
    expect(configLanguage([], {}, mkdtempSync(join(tmpdir(), 'ronde-lang-')), none)).toBeUndefined();
    expect(configLanguage(['--', '--config', 'fr.yaml'], {}, dir, none)).toBe('en');
  });
});

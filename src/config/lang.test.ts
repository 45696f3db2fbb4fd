import { describe, expect, it } from 'vitest';
import { englishWords } from '../../test/helpers/english.js';
import { registry } from '../checks/index.js';
import { ConfigError, parseConfig } from './load.js';
import { checkProblem, hostProblem, routineProblem } from './names.js';

const BAD = `language: fr
hosts:
  - name: web1
    adress: 127.0.70.1
  - name: web1
checks:
  - kind: system.dsik
  - kind: system.disk
    on: [web2]
    options:
      warn_pct: high
routines:
  - id: backups
    title: Sauvegardes
    every: 1w
    checks: [apt.pendng@web1]
`;

function problems(text: string, env: NodeJS.ProcessEnv = { LANG: 'C.UTF-8' }): string[] {
  try {
    parseConfig(text, 'ronde.yaml', registry, env);
  } catch (e) {
    if (e instanceof ConfigError) return e.format().split('\n');
    throw e;
  }
  return [];
}
/** Names, kinds and paths are not sentences: what remains must be French. */
const words = (line: string) => englishWords(line.replace(/^\S+:\d+:\d+: \S+: /, ''));

describe("configuration problems in the team's language", () => {
  it('the file says language: fr: every problem in French, file:line:col unchanged', () => {
    const out = problems(BAD);
    expect(out).toContain('ronde.yaml:4:5: hosts[0].adress: clé inconnue (vouliez-vous dire « address » ?)');
    expect(out).toContain('ronde.yaml:5:11: hosts[1].name: nom d’hôte en double « web1 » (déjà en hosts[0])');
    expect(out.find((l) => l.startsWith('ronde.yaml:7:11: checks[0].kind: '))).toMatch(
      /^ronde\.yaml:7:11: checks\[0\]\.kind: type de vérification inconnu « system\.dsik » \(vouliez-vous dire « system\.disk » \?\) ; disponibles : /,
    );
    expect(out).toContain(
      'ronde.yaml:9:10: checks[1].on[0]: aucun hôte nommé « web2 » (vouliez-vous dire « web1 » ?)',
    );
    expect(out.some((l) => /checks\[1\]\.options\.warn_pct: number attendu, reçu string$/.test(l))).toBe(
      true,
    );
    for (const l of out) expect(words(l), l).toEqual([]);
  });

  it('without language:, the locale decides; English stays as it was', () => {
    const text = BAD.replace('language: fr\n', '');
    expect(problems(text, { LANG: 'fr_FR.UTF-8' })).toContain(
      'ronde.yaml:3:5: hosts[0].adress: clé inconnue (vouliez-vous dire « address » ?)',
    );
    expect(problems(text)).toContain(
      'ronde.yaml:3:5: hosts[0].adress: unknown key (did you mean "address"?)',
    );
    expect(problems('language: en\n', { LANG: 'fr_FR.UTF-8' })).toEqual([]);
  });

  it('a routine link to a typo is refused in French with the nearest name', () => {
    const text = `language: fr
hosts: [{ name: web1 }]
checks: [{ kind: apt.pending }]
routines:
  - { id: maj, title: Mises à jour, every: 1w, checks: [apt.pendng] }
`;
    const [line] = problems(text);
    expect(line).toMatch(
      /^ronde\.yaml:5:\d+: routines\[0\]\.checks\[0\]: vérification inconnue « apt\.pendng » — vouliez-vous dire « apt\.pending » \? Vérifications : apt\.pending$/,
    );
  });

  it('names a command checks: French when asked, English by default under LANG=C', () => {
    const book = {
      hosts: [{ name: 'web1', tags: ['web'] }],
      checks: [{ name: 'apt.pending', kind: 'apt.pending', on: ['all'] }],
    };
    expect(hostProblem(book, 'wbe1', 'fr')).toBe(
      'hôte inconnu « wbe1 » — vouliez-vous dire « web1 » ? Hôtes : web1',
    );
    expect(hostProblem(book, 'wbe1', 'en')).toBe('unknown host "wbe1" — did you mean "web1"? Hosts: web1');
    expect(checkProblem(book, 'system.disk', registry.ids(), 'fr')).toBe(
      'aucune vérification de type « system.disk » n’est configurée. Vérifications : apt.pending',
    );
    expect(routineProblem([], 'x', 'fr')).toBe(
      'routine inconnue « x » : aucune routine n’est configurée (routines: dans ronde.yaml)',
    );
  });
});

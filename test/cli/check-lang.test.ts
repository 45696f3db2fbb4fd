import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ronde, tempDir } from './run-cli.js';

/** `ronde check` with `language: fr`, in an English locale: the checks' words and the command's own are French. */
describe('ronde check speaks the team language', () => {
  it('prints French summaries, labels and totals', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'live'));
    const config = join(dir, 'ronde.yaml');
    writeFileSync(
      config,
      `language: fr
hosts: [{ name: box, local: true }]
checks:
  - { kind: system.disk, name: disque-absent, options: { include: [/nonexistent-ronde] } }
  - { kind: tls.files, name: certificats, options: { paths: ["${join(dir, 'live')}/*/cert.pem"] } }
`,
    );
    const r = ronde(['--config', config, 'check', '--no-save', '--no-color', '-v'], {
      LANG: 'en_US.UTF-8',
      XDG_DATA_HOME: join(dir, 'data'),
    });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toContain('box (local)');
    expect(r.stdout).toMatch(
      /UNKNOWN disque-absent {2}aucun système de fichiers à vérifier \(tous ignorés ou exclus\)/,
    );
    expect(r.stdout).toContain(`aucun fichier de certificat ne correspond à ${join(dir, 'live')}/*/cert.pem`);
    expect(r.stdout).toMatch(/exécuté en \d+ ms :/);
    expect(r.stdout).toMatch(/^UNKNOWN: 2 UNKNOWN$/m);
    expect(r.stdout).not.toMatch(/\b(ran in|no filesystem|no certificate|not applicable)\b/);
  });
});

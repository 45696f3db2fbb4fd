import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ronde, tempDir } from './run-cli.js';

/** One rule for names: a typo of a host, check or routine is exit 64 with the nearest name. */
describe('names a person types', () => {
  const dir = tempDir();
  const config = join(dir, 'ronde.yaml');
  const env = { XDG_DATA_HOME: join(dir, 'data') };
  writeFileSync(
    config,
    `hosts:
  - { name: box, local: true, tags: [here] }
  - { name: docker1, address: 127.0.0.1 }
checks:
  - { kind: system.disk, on: box }
  - { kind: system.disk, name: disk-strict, on: box }
  - { kind: docker.disk, on: docker1 }
routines:
  - { id: backups, title: Backups, every: 1w, checks: [disk-strict@box] }
`,
  );
  const run = (...args: string[]) => ronde(['--config', config, ...args], env);

  it.each([
    [
      ['check', '--check', 'system.dsk'],
      /unknown check "system.dsk" — did you mean "system.disk"\? Checks: system.disk, disk-strict \(system.disk\), docker.disk/,
    ],
    [['check', '--check', 'apt.pending'], /no check of kind "apt.pending" is configured\. Checks: /],
    [['check', 'bx'], /unknown host "bx" — did you mean "box"\? Hosts: box, docker1/],
    [['check', 'tag:hre'], /no host has tag "hre" — did you mean "here"\? Tags: here/],
    [['history', 'disk-stric'], /unknown check "disk-stric" — did you mean "disk-strict"\?/],
    [['history', 'system.disk', 'dockr1'], /unknown host "dockr1" — did you mean "docker1"\?/],
    [['done', 'backup', '-m', 'x'], /unknown routine "backup" — did you mean "backups"\? Routines: backups/],
    [['routines', 'show', 'backup'], /unknown routine "backup" — did you mean "backups"\?/],
    [['docker', 'prune', 'dockr1'], /unknown host "dockr1" — did you mean "docker1"\?/],
    [['docker', 'approve', 'dockr1'], /unknown host "dockr1" — did you mean "docker1"\?/],
    [['hosts', 'dockr1'], /unknown host "dockr1" — did you mean "docker1"\?/],
    [['hosts', 'trust', 'dockr1'], /unknown host "dockr1" — did you mean "docker1"\?/],
  ])('%j: exit 64 with the nearest name', (args, message) => {
    const r = run(...args);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
  });

  it('config validate: a bad routine link is exit 78 at its file:line:col', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      `hosts: [{ name: box, local: true }]
checks: [{ kind: system.disk }]
routines:
  - id: updates
    title: Updates
    every: 1w
    checks: [system.disk, apt.pendng@web9]
`,
    );
    const r = ronde(['config', 'validate', '--config', bad], env);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(
      'bad.yaml:7:27: routines[0].checks[1]: unknown check "apt.pendng" — did you mean "apt.pending"?',
    );
    // The same file stops any other command: a link that can never match is not left to rot.
    expect(ronde(['routines', '--config', bad], env).code).toBe(78);
  });
});

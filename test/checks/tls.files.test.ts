import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tlsFiles } from '../../src/checks/tls/files/index.js';
import type { CommandSpec } from '../../src/core/command.js';
import { LocalTarget } from '../../src/targets/local.js';

// Real certificates made by openssl now, read by the real find/sed through the batch script.
let root: string;
let live: string;

function selfSigned(dir: string, cn: string, days: number): void {
  mkdirSync(dir, { recursive: true });
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, 'privkey.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      String(days),
      '-subj',
      `/CN=${cn}`,
    ],
    { stdio: 'ignore' },
  );
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ronde-tls-'));
  chmodSync(root, 0o755); // let `nobody` reach live/ to be refused there, not above it
  live = join(root, 'live');
  selfSigned(join(live, 'valid.example.org'), 'valid.example.org', 90);
  selfSigned(join(live, 'soon.example.org'), 'soon.example.org', 5);
  mkdirSync(join(live, 'old.example.org'));
  copyFileSync(
    new URL('../fixtures/tls/cert-2020-expired.pem', import.meta.url),
    join(live, 'old.example.org', 'cert.pem'),
  );
  mkdirSync(join(live, 'bad.example.org'));
  writeFileSync(join(live, 'bad.example.org', 'cert.pem'), 'not a certificate\n');
  mkdirSync(join(live, 'gone.example.org'));
  symlinkSync(join(root, 'nowhere.pem'), join(live, 'gone.example.org', 'cert.pem'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(
  options: ReturnType<typeof tlsFiles.options.parse>,
  wrap: (c: CommandSpec) => CommandSpec = (c) => c,
) {
  const target = new LocalTarget('localhost');
  const outputs = await target.runBatch(tlsFiles.commands(options).map(wrap));
  return tlsFiles.evaluate({
    lang: 'en',
    options,
    target,
    outputs,
    now: new Date(),
    signal: new AbortController().signal,
    run: (c) => target.runBatch(c),
  });
}

describe('tls.files on real files', () => {
  it('finds each certificate: 5 days left is CRIT, 90 days OK, expired CRIT, a text file UNKNOWN', async () => {
    const o = await run(tlsFiles.options.parse({ paths: [`${live}/*/cert.pem`] }));
    expect(o.status).toBe('CRIT');
    const by = Object.fromEntries(
      (o.details!.certificates as { path: string; status: string; daysLeft?: number }[]).map((c) => [
        c.path.split('/').at(-2),
        c,
      ]),
    );
    expect(by['valid.example.org']).toMatchObject({ status: 'OK', daysLeft: 89 });
    expect(by['soon.example.org']).toMatchObject({ status: 'CRIT', daysLeft: 4 });
    expect(by['old.example.org']).toMatchObject({ status: 'CRIT' });
    expect(by['bad.example.org']).toMatchObject({ status: 'UNKNOWN' });
    expect(by['gone.example.org']).toMatchObject({ status: 'UNKNOWN', problem: 'dangling symlink' });
    expect(Object.keys(by)).toHaveLength(5);
  });

  it('never outputs a private key even when the glob matches it', async () => {
    const target = new LocalTarget('localhost');
    const [out] = await target.runBatch(
      tlsFiles.commands(tlsFiles.options.parse({ paths: [`${live}/*/*.pem`] })),
    );
    expect(out?.stdout).toContain('privkey.pem');
    expect(out?.stdout).not.toContain('PRIVATE KEY');
  });

  it('says permission denied, naming the directory, when run as an unprivileged user', async () => {
    chmodSync(live, 0o700);
    try {
      const asNobody = (c: CommandSpec) => ({ ...c, argv: ['runuser', '-u', 'nobody', '--', ...c.argv] });
      const o = await run(tlsFiles.options.parse({ paths: [`${live}/*/cert.pem`] }), asNobody);
      expect(o).toMatchObject({ status: 'UNKNOWN', summary: `permission denied: ${live}` });
    } finally {
      chmodSync(live, 0o755);
    }
  });

  it('is not applicable when the directory does not exist', async () => {
    const o = await run(tlsFiles.options.parse({ paths: [`${root}/letsencrypt/live/*/cert.pem`] }));
    expect(o).toMatchObject({ status: 'UNKNOWN', notApplicable: true });
  });
});

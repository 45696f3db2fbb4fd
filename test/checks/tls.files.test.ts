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

/*
 * certbot's lineages (live/<name>/cert.pem, chain.pem, fullchain.pem) made by
 * openssl now: a test root, an intermediate, leaves signed by it.
 */
describe('tls.files: the chain and the name beside the certificate', () => {
  let dir: string;
  let lineages: string;
  const ssl = (...args: string[]) =>
    execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  const ca = (name: string, cn: string, signer?: string) => {
    const ext = join(dir, `${name}.ext`);
    writeFileSync(ext, 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
    // biome-ignore format: one option and its value per pair
    if (!signer) ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '30', '-subj', `/CN=${cn}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    else {
      // biome-ignore format: one option and its value per pair
      ssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
      // biome-ignore format: one option and its value per pair
      ssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${signer}.crt`, '-CAkey', `${signer}.key`,
        '-CAcreateserial', '-out', `${name}.crt`, '-days', '30', '-extfile', ext);
    }
  };
  /** A lineage live/<lineage>/ whose certificate names `dns`, signed by `signer`; its chain files hold `chain`. */
  const lineage = (
    name: string,
    dns: string,
    signer: string,
    chain: string[],
    files = ['chain.pem', 'fullchain.pem'],
  ) => {
    const ext = join(dir, `${name}.leaf.ext`);
    writeFileSync(ext, `subjectAltName=DNS:${dns}\nextendedKeyUsage=serverAuth\n`);
    // biome-ignore format: one option and its value per pair
    ssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', `${name}.leaf.key`, '-out', `${name}.leaf.csr`, '-subj', `/CN=${dns}`);
    // biome-ignore format: one option and its value per pair
    ssl('x509', '-req', '-in', `${name}.leaf.csr`, '-CA', `${signer}.crt`, '-CAkey', `${signer}.key`,
      '-CAcreateserial', '-out', `${name}.leaf.crt`, '-days', '60', '-extfile', ext);
    const home = join(lineages, name);
    mkdirSync(home, { recursive: true });
    const read = (f: string) => execFileSync('cat', [join(dir, f)], { encoding: 'utf8' });
    const leaf = read(`${name}.leaf.crt`);
    const chainPem = chain.map((c) => read(`${c}.crt`)).join('');
    writeFileSync(join(home, 'cert.pem'), leaf);
    if (files.includes('chain.pem')) writeFileSync(join(home, 'chain.pem'), chainPem);
    if (files.includes('fullchain.pem')) writeFileSync(join(home, 'fullchain.pem'), leaf + chainPem);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ronde-tls-chain-'));
    lineages = join(dir, 'live');
    ca('root', 'Lab Root');
    ca('int', 'Lab Intermediate', 'root');
    ca('other', 'Other Root');
    ca('otherint', 'Other Intermediate', 'other');
    lineage('good.lab.test', 'good.lab.test', 'int', ['int']);
    lineage('full.lab.test-0001', 'full.lab.test', 'int', ['int'], ['fullchain.pem']);
    lineage('mixed.lab.test', 'mixed.lab.test', 'int', ['otherint']);
    lineage('renamed.lab.test', 'elsewhere.lab.test', 'int', ['int']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  type Cert = { path: string; status: string; chain?: { file: string; problems: string[] } };
  const byName = (o: { details?: Record<string, unknown> }) =>
    Object.fromEntries((o.details!.certificates as Cert[]).map((c) => [c.path.split('/').at(-2), c]));

  it('a chain to the CA in ca_file is OK; a chain from another CA is CRIT; a dropped name WARN', async () => {
    const o = await run(
      tlsFiles.options.parse({ paths: [`${lineages}/*/cert.pem`], ca_file: join(dir, 'root.crt') }),
    );
    const by = byName(o);
    expect(by['good.lab.test']).toMatchObject({
      status: 'OK',
      chain: { file: `${lineages}/good.lab.test/chain.pem`, problems: [] },
    });
    // Only fullchain.pem beside it (the certificate first, then the chain); certbot's -0001 suffix.
    expect(by['full.lab.test-0001']).toMatchObject({ status: 'OK', chain: { problems: [] } });
    expect(by['mixed.lab.test']?.status).toBe('CRIT');
    expect(by['renamed.lab.test']?.status).toBe('WARN');
    expect(o.status).toBe('CRIT');
    expect(o.reasons).toEqual([
      `${lineages}/mixed.lab.test/cert.pem: chain.pem: CN=mixed.lab.test is not signed by the next certificate (CN=Other Intermediate): clients refuse this chain`,
      `${lineages}/renamed.lab.test/cert.pem: does not cover renamed.lab.test, the name of its directory (it holds elsewhere.lab.test)`,
    ]);
  });

  it('without ca_file a private CA is not trusted: WARN, saying what to set', async () => {
    const o = await run(tlsFiles.options.parse({ paths: [`${lineages}/good.lab.test/cert.pem`] }));
    expect(o.status).toBe('WARN');
    expect(o.summary).toBe(
      `${lineages}/good.lab.test/cert.pem: chain.pem: the chain ends at CN=Lab Root, which no trusted CA signs (a private CA: set ca_file)`,
    );
    const off = await run(
      tlsFiles.options.parse({ paths: [`${lineages}/good.lab.test/cert.pem`], chain: false }),
    );
    expect(off.status).toBe('OK');
  });
});

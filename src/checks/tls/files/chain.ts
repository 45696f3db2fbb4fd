import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import type { CommandResult } from '../../../core/command.js';
import { EXIT_NOT_FOUND } from '../../../core/command.js';
import { type Status, worst } from '../../../core/status.js';
import { type Lang, t } from '../../../i18n/index.js';
import type { GlobScan, TlsFilesOptions } from './index.js';
import { BROKEN_MARK, FILE_MARK, planGlob } from './parse.js';

/*
 * The chain and the name of a certificate whose chain sits beside it
 * (certbot's live/<name>/ holds cert.pem, chain.pem, fullchain.pem): what a
 * server configured with these files sends to clients. Pure, but for the
 * trusted roots: Node's bundled Mozilla list (the CAs browsers trust), plus
 * the PEM of `ca_file` for a private CA.
 */

const BEGIN = '-----BEGIN CERTIFICATE-----';
const END = '-----END CERTIFICATE-----';
const CHAIN_FILES = ['chain.pem', 'fullchain.pem'];

/** The sibling chain files of a certificate glob's matches: `…/*​/chain.pem`, `…/*​/fullchain.pem`. */
export function chainGlobs(glob: string): string[] {
  const dir = glob.slice(0, glob.lastIndexOf('/'));
  return CHAIN_FILES.map((f) => `${dir}/${f}`);
}

/** One find for both sibling files of a glob; every PEM certificate block of each (never a key). */
export function chainFindArgv(glob: string): string[] {
  const [a, b] = chainGlobs(glob) as [string, string];
  const { base, depth } = planGlob(a);
  return [
    'find',
    '-L',
    base,
    ...(depth === null ? ['-mindepth', '1'] : ['-mindepth', String(depth), '-maxdepth', String(depth)]),
    '(',
    '-path',
    a,
    '-o',
    '-path',
    b,
    ')',
    '-type',
    'f',
    '-printf',
    `\\0${FILE_MARK}\\0%p\\0`,
    '-exec',
    'sed',
    '-n',
    '-e',
    `/${BEGIN}/,/${END}/p`,
    '--',
    '{}',
    ';',
  ];
}

/** The certificates of a PEM text, in order; blocks that do not parse are left out. */
export function pemBlocks(text: string): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const m of text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)) {
    try {
      out.push(new X509Certificate(m[0]));
    } catch {
      // Not a certificate: the chain check below says the issuer is missing.
    }
  }
  return out;
}

/** Chain files by path, from the chain find's output (same framing as the certificates'). */
export function parseChainFind(stdout: string): Map<string, string> {
  const files = new Map<string, string>();
  const tokens = stdout.split('\0');
  for (let i = 1; i + 1 < tokens.length; i++) {
    if ((tokens[i] === FILE_MARK || tokens[i] === BROKEN_MARK) && tokens[i + 1]) {
      files.set(tokens[i + 1]!, tokens[i] === FILE_MARK ? (tokens[i + 2] ?? '') : '');
      i += 2;
    }
  }
  return files;
}

let bundled: X509Certificate[] | undefined;
/** Node's bundled roots, parsed once per process. */
export function bundledRoots(): X509Certificate[] {
  bundled ??= rootCertificates.flatMap((pem) => pemBlocks(pem));
  return bundled;
}

const issuedBy = (c: X509Certificate, issuer: X509Certificate) => {
  try {
    return c.checkIssued(issuer) && c.verify(issuer.publicKey);
  } catch {
    return false;
  }
};
const day = (s: string) => new Date(Date.parse(s)).toISOString().slice(0, 10);

export interface ChainProblem {
  status: Status;
  why: string;
}

/**
 * Walks leaf → chain as a client would: each certificate must be signed by
 * the next, until one is a trusted root or signed by one (what follows it,
 * such as an old cross-sign, is ignored, as clients do). A broken link is
 * CRIT (clients refuse it); an expired intermediate before the trust point is
 * CRIT; a chain that reaches no trusted root is WARN (a private CA: give ca_file).
 */
export function judgeChain(
  leaf: X509Certificate,
  chainFile: string,
  chainPem: string,
  roots: readonly X509Certificate[],
  now: Date,
  lang: Lang,
): ChainProblem[] {
  const file = chainFile.slice(chainFile.lastIndexOf('/') + 1);
  // fullchain.pem starts with the certificate itself.
  const chain = pemBlocks(chainPem).filter((c) => c.fingerprint256 !== leaf.fingerprint256);
  if (chain.length === 0) return [{ status: 'CRIT', why: t(lang, 'tls.files.chainEmpty', { file }) }];
  const trusted = (c: X509Certificate) =>
    roots.some((r) => r.fingerprint256 === c.fingerprint256 || issuedBy(c, r));
  let current = leaf;
  for (const next of chain) {
    if (trusted(current)) return [];
    if (!issuedBy(current, next))
      return [
        {
          status: 'CRIT',
          why: t(lang, 'tls.files.chainBroken', {
            file,
            subject: current.subject.replaceAll('\n', ', '),
            found: next.subject.replaceAll('\n', ', '),
          }),
        },
      ];
    if (Date.parse(next.validTo) < now.getTime())
      return [
        {
          status: 'CRIT',
          why: t(lang, 'tls.files.chainExpired', {
            file,
            subject: next.subject.replaceAll('\n', ', '),
            date: day(next.validTo),
          }),
        },
      ];
    current = next;
  }
  if (trusted(current)) return [];
  return [
    {
      status: 'WARN',
      why: t(lang, 'tls.files.chainUntrusted', { file, issuer: current.issuer.replaceAll('\n', ', ') }),
    },
  ];
}

/**
 * The name a certificate is for, from its directory when it is certbot's
 * lineage (`live/example.org/`, `live/example.org-0001/`): a DNS name only.
 */
export function lineageName(path: string): string | undefined {
  const parts = path.split('/');
  const dir = parts[parts.length - 2] ?? '';
  const name = dir.replace(/-\d{4}$/, '').toLowerCase();
  return /^(\*\.)?([a-z0-9-]+\.)+[a-z0-9-]+$/.test(name) ? name : undefined;
}

/** WARN when the certificate does not cover its lineage's name (a renewal that dropped it). */
export function judgeName(leaf: X509Certificate, path: string, lang: Lang): ChainProblem[] {
  const name = lineageName(path);
  if (!name || leaf.checkHost(name.replace(/^\*\./, 'x.')) !== undefined) return [];
  const names = (leaf.subjectAltName ?? '').replaceAll('DNS:', '') || leaf.subject.replaceAll('\n', ', ');
  return [{ status: 'WARN', why: t(lang, 'tls.files.wrongName', { name, names }) }];
}

/**
 * The chain beside each certificate (outputs after the certificates' finds:
 * one chain find per glob, then ca_file's PEM): problems go on the
 * certificate (its status, `chain`) and are returned for the reasons.
 */
export function checkChains(
  scans: readonly GlobScan[],
  outputs: readonly CommandResult[],
  o: TlsFilesOptions,
  now: Date,
  lang: Lang,
): ChainProblem[] {
  const out: ChainProblem[] = [];
  const n = o.paths.length;
  const roots = bundledRoots();
  const ca = o.ca_file ? outputs[2 * n] : undefined;
  const extra = ca ? pemBlocks(ca.stdout) : [];
  if (o.ca_file && ca && extra.length === 0)
    out.push({ status: 'UNKNOWN', why: t(lang, 'tls.files.caUnread', { file: o.ca_file }) });
  const trusted = [...roots, ...extra];
  scans.forEach((scan, i) => {
    const res = outputs[n + i];
    if (!res || scan.files.length === 0) return;
    if (res.timedOut || res.error !== undefined || res.exitCode === EXIT_NOT_FOUND || res.truncated) {
      const why =
        res.error ??
        (res.timedOut ? t(lang, 'check.why.timedOut') : t(lang, 'check.why.exit', { code: res.exitCode }));
      out.push({ status: 'UNKNOWN', why: t(lang, 'tls.files.chainUnread', { glob: o.paths[i]!, why }) });
      return;
    }
    const chains = parseChainFind(res.stdout);
    scan.files.forEach((f, j) => {
      const cert = scan.certs[j];
      if (!cert || cert.status === 'UNKNOWN' || !f.pem) return;
      const dir = f.path.slice(0, f.path.lastIndexOf('/'));
      const [chainPath, fullPath] = [`${dir}/chain.pem`, `${dir}/fullchain.pem`];
      const file = chains.has(chainPath) ? chainPath : chains.has(fullPath) ? fullPath : undefined;
      if (!file || file === f.path) return;
      const leaf = new X509Certificate(f.pem);
      const found = [
        ...judgeChain(leaf, file, chains.get(file)!, trusted, now, lang),
        ...judgeName(leaf, f.path, lang),
      ];
      cert.chain = { file, problems: found.map((p) => p.why) };
      if (found.length === 0) return;
      cert.status = worst([cert.status, ...found.map((p) => p.status)]);
      for (const p of found) out.push({ status: p.status, why: `${f.path}: ${p.why}` });
    });
  });
  return out;
}

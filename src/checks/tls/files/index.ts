import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { type CheckOutcome, defineCheck } from '../../../core/check.js';
import { type CommandResult, EXIT_NOT_FOUND } from '../../../core/command.js';
import { unknown } from '../../../core/outcome.js';
import { notAbove } from '../../../core/sentence.js';
import { type Status, worst } from '../../../core/status.js';
import { type Lang, t } from '../../../i18n/index.js';
import { chainFindArgv, chainGlobs, checkChains } from './chain.js';
import { type FoundFile, findArgv, parseFindErrors, parseFindOutput, planGlob } from './parse.js';

const DAY_MS = 86_400_000;

const Options = z
  .object({
    paths: z
      .array(z.string().regex(/^\/[^\0]*$/, 'an absolute path glob'))
      .min(1)
      .default(['/etc/letsencrypt/live/*/cert.pem'])
      .describe('Absolute globs of the certificates: `*`, `?`, `[…]` within one segment, `**` any depth.'),
    warn_days: z.number().min(0).default(21).describe('WARN when fewer days are left.'),
    crit_days: z.number().min(0).default(7).describe('CRIT when fewer days are left.'),
    sudo: z
      .boolean()
      .default(false)
      .describe("Run find through `sudo -n` (certbot's live/ and archive/ are root-only)."),
    chain: z
      .boolean()
      .default(true)
      .describe(
        'Where `chain.pem` or `fullchain.pem` sits beside a certificate (certbot), check that chain and that the certificate covers its directory’s name.',
      ),
    ca_file: z
      .string()
      .regex(/^\/[^\0]*$/, 'an absolute path')
      .optional()
      .describe('PEM file of a private CA on the host, trusted for the chain besides the usual public CAs.'),
  })
  .strict()
  .refine((o) => o.crit_days <= o.warn_days, notAbove('crit_days', 'warn_days'));
export type TlsFilesOptions = z.output<typeof Options>;

export interface CertFacts {
  path: string;
  status: Status;
  problem?: string;
  subject?: string;
  issuer?: string;
  notBefore?: string;
  notAfter?: string;
  daysLeft?: number;
  /** The chain file beside it, when one was checked, and what was wrong with it or the name. */
  chain?: { file: string; problems: string[] };
}

/** Reads one file's certificate; never throws (a bad file is UNKNOWN for that file). */
export function judgeCert(file: FoundFile, now: Date, o: TlsFilesOptions, lang: Lang): CertFacts {
  const unknown = (problem: string): CertFacts => ({ path: file.path, status: 'UNKNOWN', problem });
  if (file.broken) return unknown(t(lang, 'tls.files.dangling'));
  if (file.pem === '') return unknown(t(lang, 'tls.files.noPem'));
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(file.pem);
  } catch (e) {
    return unknown(t(lang, 'tls.files.invalid', { error: (e as Error).message }));
  }
  const from = Date.parse(cert.validFrom);
  const to = Date.parse(cert.validTo);
  if (Number.isNaN(from) || Number.isNaN(to))
    return unknown(t(lang, 'tls.files.badDates', { from: cert.validFrom, to: cert.validTo }));
  const left = (to - now.getTime()) / DAY_MS;
  const facts: CertFacts = {
    path: file.path,
    status: 'OK',
    subject: cert.subject.replaceAll('\n', ', '),
    issuer: cert.issuer.replaceAll('\n', ', '),
    notBefore: new Date(from).toISOString(),
    notAfter: new Date(to).toISOString(),
    daysLeft: Math.floor(left),
  };
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (now.getTime() < from)
    return { ...facts, status: 'CRIT', problem: t(lang, 'tls.notYetValid', { date: day(from) }) };
  if (left < 0) return { ...facts, status: 'CRIT', problem: t(lang, 'tls.expired', { date: day(to) }) };
  const status: Status = left < o.crit_days ? 'CRIT' : left < o.warn_days ? 'WARN' : 'OK';
  return status === 'OK'
    ? facts
    : { ...facts, status, problem: t(lang, 'tls.expires', { days: Math.floor(left), date: day(to) }) };
}

export interface GlobScan {
  certs: CertFacts[];
  /** The files the certificates were read from, in the same order. */
  files: FoundFile[];
  problems: string[];
  /** The glob's base directory does not exist. */
  missing?: string;
}

function scanGlob(
  glob: string,
  out: CommandResult | undefined,
  o: TlsFilesOptions,
  now: Date,
  lang: Lang,
): GlobScan {
  const problems: string[] = [];
  const certs: CertFacts[] = [];
  const { base } = planGlob(glob);
  if (!out) return { certs, files: [], problems: [t(lang, 'tls.files.findNoRun', { glob })] };
  if (out.timedOut) return { certs, files: [], problems: [t(lang, 'tls.files.findTimedOut', { glob })] };
  if (out.error)
    return { certs, files: [], problems: [t(lang, 'tls.files.findIncomplete', { glob, error: out.error })] };
  if (out.exitCode === EXIT_NOT_FOUND)
    return { certs, files: [], problems: [t(lang, 'tls.files.findNotFound')] };
  const { files, malformed } = parseFindOutput(out.stdout);
  const errors = parseFindErrors(out.stderr);
  if (errors.some((e) => e.kind === 'missing' && e.path === base))
    return { certs, files: [], problems, missing: base };
  const denied = new Set<string>();
  for (const e of errors) {
    if (e.kind === 'denied' && e.path) denied.add(e.path);
    else problems.push(e.kind === 'denied' ? t(lang, 'tls.files.denied', { what: e.message }) : e.message);
  }
  // A directory we may not enter hides what is in it: say so, never "no certificates".
  for (const p of denied)
    if (!files.some((f) => f.path === p)) problems.push(t(lang, 'tls.files.denied', { what: p }));
  if (malformed || out.truncated)
    problems.push(
      t(lang, out.truncated ? 'tls.files.findTruncated' : 'tls.files.findNotUnderstood', { glob }),
    );
  if (out.exitCode !== 0 && errors.length === 0)
    problems.push(t(lang, 'tls.files.findExited', { glob, code: out.exitCode }));
  for (const f of files) {
    certs.push(
      denied.has(f.path)
        ? { path: f.path, status: 'UNKNOWN', problem: t(lang, 'tls.files.deniedFile') }
        : judgeCert(f, now, o, lang),
    );
  }
  if (files.length === 0 && errors.length === 0 && !malformed)
    problems.push(t(lang, 'tls.files.noMatch', { glob }));
  return { certs, files, problems };
}

export function evaluateTlsFiles(
  outputs: readonly CommandResult[],
  o: TlsFilesOptions,
  now: Date,
  lang: Lang,
): CheckOutcome {
  const scans = o.paths.map((glob, i) => scanGlob(glob, outputs[i], o, now, lang));
  const chainProblems = o.chain ? checkChains(scans, outputs, o, now, lang) : [];
  const certs = scans.flatMap((s) => s.certs);
  const missing = scans.flatMap((s) => (s.missing ? [s.missing] : []));
  const problems: { status: Status; why: string }[] = scans.flatMap((s) =>
    s.problems.map((why) => ({ status: 'UNKNOWN' as Status, why })),
  );
  for (const m of missing)
    if (missing.length < o.paths.length)
      problems.push({ status: 'UNKNOWN', why: t(lang, 'tls.files.noDir', { dirs: m }) });
  const details = { certificates: certs };
  if (missing.length === o.paths.length) {
    const why = t(lang, 'tls.files.noDir', { dirs: missing.join(', ') });
    return unknown(why, { notApplicable: true, details });
  }
  for (const c of certs) if (c.problem) problems.push({ status: c.status, why: `${c.path}: ${c.problem}` });
  problems.push(...chainProblems);
  const status = worst([...certs.map((c) => c.status), ...problems.map((p) => p.status)]);
  const reasons = problems.map((p) => p.why);
  const worstFirst = problems.filter((p) => p.status === status);
  const soonest = certs.filter((c) => c.daysLeft !== undefined).sort((a, b) => a.daysLeft! - b.daysLeft!)[0];
  const summary =
    status === 'OK'
      ? t(lang, 'tls.files.ok', { n: certs.length, days: soonest?.daysLeft ?? 0, path: soonest?.path ?? '' })
      : worstFirst
          .slice(0, 2)
          .map((p) => p.why)
          .join('; ') + (worstFirst.length > 2 ? t(lang, 'tls.andMore', { n: worstFirst.length - 2 }) : '');
  const until = validUntil(certs, o, now);
  return { status, summary, reasons, details, ...(until ? { validUntil: until } : {}) };
}

/**
 * The next instant at which time alone changes this outcome: a certificate's
 * days left ticks down, crosses warn_days or crit_days, expires or becomes valid.
 */
export function validUntil(certs: readonly CertFacts[], o: TlsFilesOptions, now: Date): string | undefined {
  const t = now.getTime();
  let next = Number.POSITIVE_INFINITY;
  for (const c of certs) {
    if (!c.notAfter || !c.notBefore || c.daysLeft === undefined) continue;
    const to = Date.parse(c.notAfter);
    const from = Date.parse(c.notBefore);
    const edges = [from, to, to - o.warn_days * DAY_MS, to - o.crit_days * DAY_MS, to - c.daysLeft * DAY_MS];
    for (const e of edges) if (e >= t && e < next) next = e;
  }
  return Number.isFinite(next) ? new Date(next).toISOString() : undefined;
}

export const tlsFiles = defineCheck({
  id: 'tls.files',
  title: 'Certificate files expiry',
  options: Options,
  zeroConfig: true,
  timeoutSec: 20,
  commands: (o) => [
    ...o.paths.map((p) => ({ argv: findArgv(p), timeoutSec: 20, sudo: o.sudo })),
    ...(o.chain ? o.paths.map((p) => ({ argv: chainFindArgv(p), timeoutSec: 20, sudo: o.sudo })) : []),
    ...(o.chain && o.ca_file
      ? [
          {
            argv: [
              'sed',
              '-n',
              '-e',
              '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p',
              '--',
              o.ca_file,
            ],
            timeoutSec: 20,
            sudo: o.sudo,
          },
        ]
      : []),
  ],
  // The matched files themselves (links followed), their chains and the CA file: a renewal
  // replaces them. A glob the machine's shell cannot expand as find does (`**`, brackets) is not stamped.
  stampPaths: (o) =>
    o.paths.some((p) => /\*\*|\[/.test(p))
      ? undefined
      : [
          ...o.paths,
          ...(o.chain ? o.paths.flatMap(chainGlobs) : []),
          ...(o.chain && o.ca_file ? [o.ca_file] : []),
        ],
  evaluate: (ctx) => evaluateTlsFiles(ctx.outputs, ctx.options, ctx.now, ctx.lang),
});

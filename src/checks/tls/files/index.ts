import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { type CheckOutcome, defineCheck } from '../../../core/check.js';
import { type CommandResult, EXIT_NOT_FOUND } from '../../../core/command.js';
import { unknown } from '../../../core/outcome.js';
import { type Status, worst } from '../../../core/status.js';
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
  })
  .strict()
  .refine((o) => o.crit_days <= o.warn_days, 'crit_days must not exceed warn_days');
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
}

/** Reads one file's certificate; never throws (a bad file is UNKNOWN for that file). */
export function judgeCert(file: FoundFile, now: Date, o: TlsFilesOptions): CertFacts {
  const unknown = (problem: string): CertFacts => ({ path: file.path, status: 'UNKNOWN', problem });
  if (file.broken) return unknown('dangling symlink');
  if (file.pem === '') return unknown('no PEM certificate in the file');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(file.pem);
  } catch (e) {
    return unknown(`not a valid certificate (${(e as Error).message})`);
  }
  const from = Date.parse(cert.validFrom);
  const to = Date.parse(cert.validTo);
  if (Number.isNaN(from) || Number.isNaN(to))
    return unknown(`unreadable validity dates ${cert.validFrom} – ${cert.validTo}`);
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
  if (now.getTime() < from) return { ...facts, status: 'CRIT', problem: `not valid before ${day(from)}` };
  if (left < 0) return { ...facts, status: 'CRIT', problem: `expired on ${day(to)}` };
  const status: Status = left < o.crit_days ? 'CRIT' : left < o.warn_days ? 'WARN' : 'OK';
  return status === 'OK'
    ? facts
    : { ...facts, status, problem: `expires in ${Math.floor(left)} days (${day(to)})` };
}

interface GlobScan {
  certs: CertFacts[];
  problems: string[];
  /** The glob's base directory does not exist. */
  missing?: string;
}

function scanGlob(glob: string, out: CommandResult | undefined, o: TlsFilesOptions, now: Date): GlobScan {
  const problems: string[] = [];
  const certs: CertFacts[] = [];
  const { base } = planGlob(glob);
  if (!out) return { certs, problems: [`${glob}: find did not run`] };
  if (out.timedOut) return { certs, problems: [`${glob}: find timed out`] };
  if (out.error) return { certs, problems: [`${glob}: find did not complete: ${out.error}`] };
  if (out.exitCode === EXIT_NOT_FOUND) return { certs, problems: ['find not found on the target'] };
  const { files, malformed } = parseFindOutput(out.stdout);
  const errors = parseFindErrors(out.stderr);
  if (errors.some((e) => e.kind === 'missing' && e.path === base)) return { certs, problems, missing: base };
  const denied = new Set<string>();
  for (const e of errors) {
    if (e.kind === 'denied' && e.path) denied.add(e.path);
    else problems.push(e.kind === 'denied' ? `permission denied: ${e.message}` : e.message);
  }
  // A directory we may not enter hides what is in it: say so, never "no certificates".
  for (const p of denied) if (!files.some((f) => f.path === p)) problems.push(`permission denied: ${p}`);
  if (malformed || out.truncated)
    problems.push(`${glob}: find output ${out.truncated ? 'truncated' : 'not understood'}`);
  if (out.exitCode !== 0 && errors.length === 0) problems.push(`${glob}: find exited with ${out.exitCode}`);
  for (const f of files) {
    certs.push(
      denied.has(f.path)
        ? { path: f.path, status: 'UNKNOWN', problem: 'permission denied' }
        : judgeCert(f, now, o),
    );
  }
  if (files.length === 0 && errors.length === 0 && !malformed)
    problems.push(`no certificate file matches ${glob}`);
  return { certs, problems };
}

export function evaluateTlsFiles(
  outputs: readonly CommandResult[],
  o: TlsFilesOptions,
  now: Date,
): CheckOutcome {
  const scans = o.paths.map((glob, i) => scanGlob(glob, outputs[i], o, now));
  const certs = scans.flatMap((s) => s.certs);
  const missing = scans.flatMap((s) => (s.missing ? [s.missing] : []));
  const problems: { status: Status; why: string }[] = scans.flatMap((s) =>
    s.problems.map((why) => ({ status: 'UNKNOWN' as Status, why })),
  );
  for (const m of missing)
    if (missing.length < o.paths.length) problems.push({ status: 'UNKNOWN', why: `no such directory: ${m}` });
  const details = { certificates: certs };
  if (missing.length === o.paths.length) {
    const why = `no such directory: ${missing.join(', ')}`;
    return unknown(why, { notApplicable: true, details });
  }
  for (const c of certs) if (c.problem) problems.push({ status: c.status, why: `${c.path}: ${c.problem}` });
  const status = worst([...certs.map((c) => c.status), ...problems.map((p) => p.status)]);
  const reasons = problems.map((p) => p.why);
  const worstFirst = problems.filter((p) => p.status === status);
  const soonest = certs.filter((c) => c.daysLeft !== undefined).sort((a, b) => a.daysLeft! - b.daysLeft!)[0];
  const summary =
    status === 'OK'
      ? `${certs.length} certificate${certs.length === 1 ? '' : 's'}, next expiry in ${soonest?.daysLeft} days (${soonest?.path})`
      : worstFirst
          .slice(0, 2)
          .map((p) => p.why)
          .join('; ') + (worstFirst.length > 2 ? ` and ${worstFirst.length - 2} more` : '');
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
  commands: (o) => o.paths.map((p) => ({ argv: findArgv(p), timeoutSec: 20, sudo: o.sudo })),
  // The matched files themselves (links followed): a renewal replaces them. A glob the
  // machine's shell cannot expand as find does (`**`, brackets) is not stamped.
  stampPaths: (o) => (o.paths.some((p) => /\*\*|\[/.test(p)) ? undefined : o.paths),
  evaluate: (ctx) => evaluateTlsFiles(ctx.outputs, ctx.options, ctx.now),
});

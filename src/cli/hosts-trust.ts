import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { hostProblem } from '../config/names.js';
import type { Config } from '../config/schema.js';
import { TargetError } from '../core/target.js';
import {
  checkHostKey,
  fingerprint,
  type KnownHostEntry,
  loadKnownHosts,
  trustHostKey,
} from '../targets/ssh/known-hosts.js';
import { CliError, EX_USAGE } from './errors.js';
import { fleetPool, hostOptions } from './hosts-probe.js';
import { cliLang, say } from './lang.js';

/** `ronde hosts trust` exit codes: 0 trusted (or already), 1 not trusted, 3 the host could not be reached. */
export const EX_NOT_TRUSTED = 1;
export const EX_NO_KEY = 3;

export interface TrustOptions {
  yes: boolean;
  fingerprint?: string;
  replace: boolean;
  timeout?: number;
}

export interface TrustIo {
  write(text: string): void;
  /** Asks a yes/no question on the terminal; absent when stdin is not one. */
  confirm?(question: string): Promise<boolean>;
}

/**
 * Trust on first use, by a person: show the key the host presents, then
 * record it in ronde's own known_hosts only when the person confirms, or the
 * fingerprint they verified out of band matches. A changed key is never
 * replaced silently.
 */
export async function trustHost(
  config: Config,
  stateDir: string,
  name: string,
  opts: TrustOptions,
  io: TrustIo,
): Promise<number> {
  const host = config.hosts.find((h) => h.name === name);
  if (!host)
    throw new CliError(
      hostProblem({ hosts: config.hosts, checks: [] }, name, cliLang()) ??
        say('cli.hosts.trust.unknown', { name }),
      EX_USAGE,
    );
  if (host.local) throw new CliError(say('cli.hosts.trust.local', { name }), EX_USAGE);
  const stateFile = join(stateDir, 'known_hosts');
  const pool = fleetPool(config, stateDir, opts.timeout);
  const ssh = hostOptions(host, config, opts.timeout);
  let fetched: Awaited<ReturnType<typeof pool.fetchHostKey>>;
  let files: string[];
  try {
    files = pool.resolve(ssh).knownHostsFiles;
    fetched = await pool.fetchHostKey(ssh);
  } catch (err) {
    const why = err instanceof TargetError || err instanceof Error ? err.message : String(err);
    io.write(`${say('cli.hosts.trust.noKey', { name, why })}\n`);
    return EX_NO_KEY;
  } finally {
    await pool.close();
  }
  const blob = Buffer.from(fetched.key, 'base64');
  io.write(
    `${say('cli.hosts.trust.presents', { name, host: fetched.host, algorithm: fetched.algorithm, fingerprint: fetched.fingerprint })}\n`,
  );

  const verdict = checkHostKey(await loadKnownHosts(files), fetched.host, blob);
  if (verdict.kind === 'known') {
    io.write(`${say('cli.hosts.trust.already', { where: where(verdict.entry) })}\n`);
    return 0;
  }
  if (verdict.kind === 'revoked') {
    io.write(`${say('cli.hosts.trust.revoked', { where: where(verdict.entry) })}\n`);
    return EX_NOT_TRUSTED;
  }
  if (verdict.kind === 'changed' && !opts.replace) {
    const command = `ronde hosts trust ${name} --replace --fingerprint ${fetched.fingerprint}`;
    const old = verdict.expected.map(oldKey).join(', ');
    io.write(`${say('cli.hosts.trust.changed', { name, old, command })}\n`);
    return EX_NOT_TRUSTED;
  }

  if (opts.fingerprint !== undefined) {
    if (normalizeFp(opts.fingerprint) !== fetched.fingerprint) {
      io.write(`${say('cli.hosts.trust.mismatch', { fingerprint: opts.fingerprint })}\n`);
      return EX_NOT_TRUSTED;
    }
  } else if (!opts.yes) {
    if (!io.confirm) throw new CliError(say('cli.hosts.trust.noTerminal'), EX_USAGE);
    io.write(`${say('cli.hosts.trust.compare')}\n`);
    if (!(await io.confirm(say('cli.hosts.trust.ask', { name })))) {
      io.write(`${say('cli.hosts.trust.declined')}\n`);
      return EX_NOT_TRUSTED;
    }
  }

  if (verdict.kind === 'changed') {
    const removed = await removeEntries(stateFile, verdict.expected);
    const elsewhere = verdict.expected.filter((e) => e.file !== stateFile);
    if (removed > 0) io.write(`${say('cli.hosts.trust.removed', { file: stateFile })}\n`);
    if (elsewhere.length > 0)
      io.write(
        `${say('cli.hosts.trust.elsewhere', { files: elsewhere.map(where).join(', '), host: fetched.host })}\n`,
      );
  }
  await trustHostKey(stateFile, fetched.host, { key: blob });
  io.write(`${say('cli.hosts.trust.trusted', { file: stateFile })}\n`);
  return 0;
}

function where(e: KnownHostEntry): string {
  return `${e.file}:${e.line}`;
}

function oldKey(e: KnownHostEntry): string {
  return `${where(e)} (${e.keyType} ${fingerprint(e.key)})`;
}

/** `SHA256:abc=` and `abc` both mean `SHA256:abc` (ssh-keygen prints no padding). */
function normalizeFp(fp: string): string {
  const bare = fp
    .trim()
    .replace(/^SHA256:/i, '')
    .replace(/=+$/, '');
  return `SHA256:${bare}`;
}

/** Drops the given lines from ronde's own known_hosts (never the user's files); returns how many. */
async function removeEntries(file: string, entries: readonly KnownHostEntry[]): Promise<number> {
  const lines = new Set(entries.filter((e) => e.file === file).map((e) => e.line));
  if (lines.size === 0) return 0;
  const text = await readFile(file, 'utf8');
  const kept = text.split('\n').filter((_, i) => !lines.has(i + 1));
  // Write then rename: a crash never leaves a half-written known_hosts.
  const tmp = `${file}.ronde-tmp`;
  await writeFile(tmp, kept.join('\n'), { mode: 0o600 });
  await rename(tmp, file);
  return lines.size;
}

/** A yes/no question on the terminal; only "y"/"yes" is yes (and "o"/"oui" in French). */
export async function askTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return new RegExp(`^${say('cli.hosts.trust.yes')}$`, 'i').test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

import type { CheckContext, CheckOutcome } from '../../core/check.js';
import type { CommandResult, CommandSpec } from '../../core/command.js';
import { unknown } from '../../core/outcome.js';
import { sayError } from '../../core/said.js';
import type { TargetInfo, Transport } from '../../core/target.js';
import { type Lang, t } from '../../i18n/index.js';
import { DEFAULT_SOCKET, DockerClient, DockerError, openDocker } from './client.js';
import { type DockerConnectionOptions, toConnection } from './settings.js';

/** The client of this host's engine, per the `docker:` option and how the host is reached. */
export function dockerFor(
  d: DockerConnectionOptions,
  target: TargetInfo,
  signal?: AbortSignal,
): DockerClient {
  const conn = toConnection(d, target.transport);
  const { docker, where } = openDocker(conn, {
    target: target.name,
    forward: target.forwardUnixSocket?.bind(target),
  });
  return new DockerClient(docker, where, signal);
}

/** The unix socket the engine is reached through: the `socket` option, else Docker's default. */
export function socketPath(d: DockerConnectionOptions): string {
  return d.socket ?? DEFAULT_SOCKET;
}

/**
 * Whether the socket is opened on the machine the batch script runs on:
 * never for `url:` (TCP+TLS), nor with `via_ssh: false` on an SSH host (the
 * socket is then on ronde's machine). Without the transport (`commands()` has
 * only the options), an explicit `via_ssh: false` is enough to skip.
 */
function probedWhereOpened(d: DockerConnectionOptions, transport?: Transport): boolean {
  if (d.url) return false;
  if (transport === undefined) return d.via_ssh !== false;
  return transport === 'local' || toConnection(d, transport).viaSsh === true;
}

/**
 * A cheap look at the socket before any API call: `test -S` (the batch
 * script's builtin, no process) as the login user — the user sshd opens a
 * forwarded socket as, and the user ronde runs as locally — so a host
 * without Docker costs no SSH channel and does not load dockerode. Never
 * under sudo: it must see what the opener sees.
 */
export function socketProbe(d: DockerConnectionOptions, transport?: Transport): CommandSpec[] {
  if (!probedWhereOpened(d, transport)) return [];
  return [{ argv: ['test', '-S', socketPath(d)], timeoutSec: 10, sudo: false }];
}

/** The probe's answer: a socket, none, or (failed, timed out, another command) nothing known. */
function probeSays(
  probe: CommandResult | undefined,
  d: DockerConnectionOptions,
  transport?: Transport,
): 'socket' | 'none' | undefined {
  if (!probe || !probedWhereOpened(d, transport)) return undefined;
  const [cmd, flag, path] = probe.argv;
  if (cmd !== 'test' || flag !== '-S' || path !== socketPath(d) || probe.argv.length !== 3) return undefined;
  if (probe.timedOut || probe.error !== undefined || probe.skipped) return undefined;
  return probe.exitCode === 0 ? 'socket' : probe.exitCode === 1 ? 'none' : undefined;
}

/**
 * The outcome when the probe says there is no socket, else null (go on and
 * ask the engine). With no `socket` nor `url` configured, Docker is simply
 * not on the machine (not applicable in a zero-config run); a socket named
 * in the configuration that is not there is UNKNOWN.
 */
export function absentSocket(
  probe: CommandResult | undefined,
  d: DockerConnectionOptions,
  transport?: Transport,
  lang: Lang = 'en',
): CheckOutcome | null {
  if (probeSays(probe, d, transport) !== 'none') return null;
  const path = socketPath(d);
  const summary = t(lang, 'client.docker.noSocket', { path });
  if (!d.socket && !d.url)
    return {
      status: 'UNKNOWN',
      summary,
      reasons: [t(lang, 'client.docker.notInstalled', { path })],
      notApplicable: true,
    };
  return {
    status: 'UNKNOWN',
    summary,
    reasons: [t(lang, 'client.docker.socketMissing', { path })],
  };
}

/**
 * A failure to talk to the engine as an outcome: UNKNOWN with the reason; with
 * no docker option at all and no socket, Docker is simply not on the machine.
 * When the probe saw the socket but SSH could not forward it, sshd's bare
 * "open failed" is explained (the original error is kept in the reasons).
 */
export function engineFailure(
  err: unknown,
  d: DockerConnectionOptions,
  probe?: CommandResult,
  transport?: Transport,
  lang: Lang = 'en',
): CheckOutcome {
  if (!(err instanceof DockerError)) throw err;
  const why = sayError(lang, err);
  if (
    err.failure === 'unreachable' &&
    /cannot forward /.test(err.message) &&
    transport === 'ssh' &&
    probeSays(probe, d, transport) === 'socket'
  ) {
    const summary = t(lang, 'client.docker.sshForward', { path: socketPath(d) });
    return { status: 'UNKNOWN', summary, reasons: [summary, why] };
  }
  const absent = err.failure === 'unreachable' && /ENOENT/.test(err.message) && !d.socket && !d.url;
  return unknown(why, absent ? { notApplicable: true } : {});
}

/**
 * The path every docker.* kind takes to its host's engine: the socket probe's
 * answer first (no socket: that outcome, nothing opened), then `use` with the
 * client; a failure to talk to the engine is the outcome (engineFailure),
 * anything else is thrown as before.
 */
export async function withEngine(
  ctx: Pick<CheckContext<unknown>, 'outputs' | 'target' | 'signal'> & { lang?: Lang },
  d: DockerConnectionOptions,
  use: (api: DockerClient) => Promise<CheckOutcome>,
): Promise<CheckOutcome> {
  const [probe] = ctx.outputs;
  const lang = ctx.lang ?? 'en';
  const absent = absentSocket(probe, d, ctx.target.transport, lang);
  if (absent) return absent;
  try {
    return await use(dockerFor(d, ctx.target, ctx.signal));
  } catch (err) {
    return engineFailure(err, d, probe, ctx.target.transport, lang);
  }
}

import type { HostConfig } from '../../config/schema.js';
import { resultKey } from '../../core/check.js';
import type { CommandResult } from '../../core/command.js';
import { limit } from '../../core/limit.js';
import type { Target } from '../../core/target.js';
import { TargetError } from '../../core/target.js';
import { type Lang, t as say } from '../../i18n/index.js';
import type { Cover } from '../../notify/covers.js';
import { recurringCovers } from '../../notify/hold.js';
import type { MaintenanceWindows } from '../../notify/schema.js';
import type { Store } from '../../store/types.js';
import { PLAN_COMMANDS } from './commands.js';
import type { HostFacts, PlanInput, StoredState } from './plan.js';
import { parseHolds, parseSimulation } from './simulate.js';

/*
 * The facts a plan is built from: read from each host (the simulation, its
 * holds, its reboot flag) and from the store (the latest results). Nothing
 * here changes anything.
 */

export async function readHostFacts(
  hosts: readonly HostConfig[],
  target: (h: HostConfig) => Target,
  opts: { concurrency: number; signal?: AbortSignal; lang?: Lang },
): Promise<Map<string, HostFacts>> {
  const out = new Map<string, HostFacts>();
  const run = limit(opts.concurrency);
  await Promise.all(
    hosts.map((h) =>
      run(async () => {
        out.set(h.name, await oneHost(target(h), opts.signal, opts.lang));
      }),
    ),
  );
  return out;
}

async function oneHost(t: Target, signal?: AbortSignal, lang: Lang = 'en'): Promise<HostFacts> {
  let results: CommandResult[];
  try {
    results = await t.runBatch(PLAN_COMMANDS, signal ? { signal } : {});
  } catch (err) {
    const why = err instanceof TargetError ? err.message : String(err);
    return { simulation: { error: why }, holds: [], rebootRequired: false };
  }
  const [sim, holds, flag] = results as [CommandResult, CommandResult, CommandResult];
  if (sim.exitCode !== 0 || sim.error)
    return {
      simulation: { error: failure('apt-get -s full-upgrade', sim, lang) },
      holds: [],
      rebootRequired: false,
    };
  return {
    simulation: parseSimulation(sim.stdout),
    holds: holds.exitCode === 0 ? parseHolds(holds.stdout) : [],
    rebootRequired: flag.exitCode === 0,
  };
}

/** How a command failed, in `lang`; the program's own words (stderr) quoted as they came. */
export function failure(what: string, r: CommandResult, lang: Lang = 'en'): string {
  if (r.timedOut) return say(lang, 'check.failedWith', { what, why: say(lang, 'upgrade.fail.timeLimit') });
  if (r.error) return say(lang, 'check.failedWith', { what, why: r.error });
  const err = r.stderr.trim().split('\n').slice(-2).join(' ').slice(0, 300);
  const why = `${say(lang, 'check.why.exit', { code: r.exitCode })}${err ? ` (${err})` : ''}`;
  return say(lang, 'check.failedWith', { what, why });
}

/** The latest stored results of the kinds the plan reads, with the details proxmox.backups keeps. */
export async function readStates(store: Store): Promise<StoredState[]> {
  const kinds = (k: string) =>
    k === 'docker.services' || k === 'system.disk' || k.startsWith('backup.') || k === 'proxmox.backups';
  const latest = (await store.latestResults()).filter((s) => kinds(s.kind));
  const pve = latest.filter((s) => s.kind === 'proxmox.backups');
  const details =
    pve.length > 0 ? await store.previousResults([...new Set(pve.map((s) => s.target))]) : new Map();
  return latest.map((s) => {
    const d = details.get(resultKey(s.target, s.check))?.details;
    return {
      check: s.check,
      kind: s.kind,
      target: s.target,
      status: s.status,
      summary: s.summary,
      lastAt: s.lastAt,
      ...(d ? { details: d } : {}),
    };
  });
}

/**
 * The named `maintenance:` window as the plan sees it: which hosts it covers,
 * and whether one is open for a host now — the window itself, or a window
 * opened by hand (`ronde maintenance`, the page) whose selector names the host
 * or one of its tags and no particular check.
 */
export function windowFacts(
  windows: MaintenanceWindows,
  name: string | undefined,
  now: Date,
  o: { tz?: string; adHoc?: readonly Cover[] } = {},
): PlanInput['window'] {
  if (name === undefined) return undefined;
  const w = windows.find((x) => x.name === name);
  if (!w) return undefined;
  const open = recurringCovers([w], now, o.tz).length > 0;
  const byHand = (h: HostConfig) =>
    (o.adHoc ?? []).some((c) => {
      const s = c.selector;
      if (c.type !== 'maintenance' || !s || s.kind !== undefined || s.check !== undefined) return false;
      if (s.host === undefined && s.tag === undefined) return false;
      return (s.host === undefined || s.host === h.name) && (s.tag === undefined || h.tags.includes(s.tag));
    });
  return {
    name,
    open: (h) => open || byHand(h),
    covers: (h) =>
      (w.host === undefined || w.host === h.name) && (w.tag === undefined || h.tags.includes(w.tag)),
  };
}

import type { HostConfig } from '../../config/schema.js';
import type { Status } from '../../core/status.js';
import type { UpgradeSettings } from './schema.js';
import { bareName, isKernel, type PackageChange, type Removal, type Simulation } from './simulate.js';

/*
 * The plan of `ronde upgrade`: per host what would change and why a host is
 * refused, then the order. Pure: the facts (simulation, holds, stored
 * results, open windows) come in, nothing is asked of any machine here.
 */

/** Why a host is not upgraded. `code` picks the sentence in the catalogues (upgrade.refuse.*). */
export type Refusal =
  | { code: 'simulation'; detail: string }
  | { code: 'unparsed'; detail: string }
  | { code: 'removes'; detail: string }
  | { code: 'held'; detail: string }
  | { code: 'docker'; detail: string }
  | { code: 'disk'; detail: string }
  | { code: 'backup'; detail: string }
  | { code: 'backupAge'; detail: string }
  | { code: 'noBackup'; detail: string }
  | { code: 'window'; detail: string }
  | { code: 'local'; detail: string };

/** What was read from one host for the plan. */
export interface HostFacts {
  /** The simulation, or why it could not be had (unreachable, apt-get failed). */
  simulation: Simulation | { error: string };
  holds: string[];
  /** /run/reboot-required is already there before the upgrade. */
  rebootRequired: boolean;
}

/** The latest stored result of a check on a target, as the plan needs it. */
export interface StoredState {
  check: string;
  kind: string;
  target: string;
  status: Status;
  summary: string;
  lastAt: Date;
  details?: Record<string, unknown>;
}

export interface HostPlan {
  host: string;
  packages: PackageChange[];
  security: number;
  removals: Removal[];
  keptBack: string[];
  /** Why a reboot is expected after the upgrade, null when none is. */
  reboot: 'kernel' | 'required' | null;
  refusals: Refusal[];
}

export interface UpgradePlan {
  hosts: HostPlan[];
  /** Host names to upgrade, batch after batch (the hosts of a batch at once). */
  batches: string[][];
}

export interface PlanInput {
  hosts: readonly HostConfig[];
  facts: ReadonlyMap<string, HostFacts>;
  states: readonly StoredState[];
  settings: UpgradeSettings;
  /** Hosts the `window:` covers, and whether a window is open for one now (undefined: no `window:`). */
  window?: { open(host: HostConfig): boolean; covers(host: HostConfig): boolean; name: string };
  allowRemove: boolean;
  now: Date;
}

export function buildPlan(input: PlanInput): UpgradePlan {
  const hosts = input.hosts.map((h) => hostPlan(h, input));
  const ready = input.hosts.filter((h) => {
    const p = hosts.find((x) => x.host === h.name)!;
    return p.refusals.length === 0 && (p.packages.length > 0 || p.removals.length > 0 || p.reboot !== null);
  });
  return { hosts, batches: batches(ready, input.settings) };
}

function hostPlan(h: HostConfig, input: PlanInput): HostPlan {
  const facts = input.facts.get(h.name);
  const refusals: Refusal[] = [];
  const plan: HostPlan = {
    host: h.name,
    packages: [],
    security: 0,
    removals: [],
    keptBack: [],
    reboot: null,
    refusals,
  };
  if (!facts || 'error' in facts.simulation) {
    refusals.push({
      code: 'simulation',
      detail: facts && 'error' in facts.simulation ? facts.simulation.error : 'not read',
    });
  } else {
    const sim = facts.simulation;
    plan.packages = sim.installs;
    plan.security = sim.installs.filter((p) => p.security).length;
    plan.removals = sim.removals;
    plan.keptBack = sim.keptBack;
    if (sim.unparsed.length > 0)
      refusals.push({ code: 'unparsed', detail: sim.unparsed.slice(0, 3).join(' | ') });
    if (sim.removals.length > 0 && !input.allowRemove)
      refusals.push({ code: 'removes', detail: sim.removals.map((r) => r.name).join(', ') });
    const holds = new Set(facts.holds.map(bareName));
    const held = sim.keptBack.map(bareName).filter((n) => holds.has(n));
    if (held.length > 0) refusals.push({ code: 'held', detail: held.join(', ') });
    plan.reboot = sim.installs.some((p) => isKernel(p.name))
      ? 'kernel'
      : facts.rebootRequired
        ? 'required'
        : null;
  }
  // A reboot would end the run itself; ronde's own machine is upgraded by a person.
  if (h.local) refusals.push({ code: 'local', detail: h.name });
  refusals.push(...resultRefusals(h.name, input));
  if (input.window?.covers(h) && !input.window.open(h))
    refusals.push({ code: 'window', detail: input.window.name });
  return plan;
}

/** Refusals from results already stored: Docker services, disks, backups. */
export function resultRefusals(
  host: string,
  input: Pick<PlanInput, 'states' | 'settings' | 'now' | 'hosts'>,
) {
  const out: Refusal[] = [];
  const mine = input.states.filter((s) => s.target === host);
  for (const s of mine) {
    if (s.status === 'OK') continue;
    if (s.kind === 'docker.services') out.push({ code: 'docker', detail: `${s.check}: ${s.summary}` });
    else if (s.kind === 'system.disk') out.push({ code: 'disk', detail: `${s.check}: ${s.summary}` });
    else if (s.kind.startsWith('backup.')) out.push({ code: 'backup', detail: `${s.check}: ${s.summary}` });
  }
  const maxAge = input.settings.backup_max_age;
  if (maxAge === undefined) return out;
  const vmid = input.settings.snapshot?.guests[host]?.vmid;
  let newest: Date | undefined;
  for (const s of input.states.filter((x) => x.kind === 'proxmox.backups')) {
    for (const g of guestsOf(s.details)) {
      if (g.vmid !== vmid && g.name !== host) continue;
      const at = g.newest ? new Date(g.newest.ctime) : undefined;
      if (at && !Number.isNaN(at.getTime()) && (!newest || at > newest)) newest = at;
    }
  }
  if (!newest) out.push({ code: 'noBackup', detail: host });
  else if (input.now.getTime() - newest.getTime() > maxAge * 1000)
    out.push({ code: 'backupAge', detail: newest.toISOString() });
  return out;
}

interface GuestFacts {
  vmid: number;
  name: string;
  newest: { ctime: string } | null;
}

/** The `guests` of a proxmox.backups result's details, if they have the documented shape. */
function guestsOf(details: Record<string, unknown> | undefined): GuestFacts[] {
  const list = details?.guests;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (g): g is GuestFacts =>
      typeof g === 'object' &&
      g !== null &&
      typeof g.vmid === 'number' &&
      typeof g.name === 'string' &&
      (g.newest === null || (typeof g.newest === 'object' && typeof g.newest?.ctime === 'string')),
  );
}

/**
 * Batches in inventory order: at most `parallel` hosts each, never two hosts
 * sharing an exclusive tag in one batch (one database host at a time).
 */
export function batches(
  hosts: readonly HostConfig[],
  s: Pick<UpgradeSettings, 'parallel' | 'exclusive_tags'>,
) {
  const out: HostConfig[][] = [];
  for (const h of hosts) {
    const excl = h.tags.filter((t) => s.exclusive_tags.includes(t));
    const fit = out.find(
      (b) => b.length < s.parallel && !b.some((o) => o.tags.some((t) => excl.includes(t))),
    );
    if (fit) fit.push(h);
    else out.push([h]);
  }
  return out.map((b) => b.map((h) => h.name));
}

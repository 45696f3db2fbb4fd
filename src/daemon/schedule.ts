import { createHash } from 'node:crypto';
import { resultKey } from '../core/check.js';

/** One check instance on one host, run every `intervalSec`. */
export interface Job {
  host: string;
  check: string;
  intervalSec: number;
}

export function jobKey(j: Pick<Job, 'host' | 'check'>): string {
  return resultKey(j.host, j.check);
}

/**
 * A stable phase in [0, interval) per host: 300 hosts with a 5 min interval
 * spread over the 5 minutes instead of all starting at :00, and a host keeps
 * its slot across restarts. The phase is the host's, not the check's, so a
 * host's checks fall due together and share one batch (and one
 * announcement); with intervals that divide each other (1m, 5m, 1h) the
 * longer one's slots land on the shorter one's: `h mod 3600 s ≡ h mod 300 s
 * (mod 300 s)`.
 */
export function phaseMs(j: Pick<Job, 'host' | 'intervalSec'>): number {
  const h = createHash('sha256').update(j.host).digest();
  return h.readUInt32BE(0) % Math.max(1, j.intervalSec * 1000);
}

/** The first slot of the job strictly after `afterMs` (epoch ms). */
export function nextRunMs(j: Pick<Job, 'host' | 'intervalSec'>, afterMs: number): number {
  const period = Math.max(1, j.intervalSec * 1000);
  const phase = phaseMs(j);
  const k = Math.floor((afterMs - phase) / period) + 1;
  return k * period + phase;
}

/** Jobs whose time has come, grouped by host: each host gets one batch. */
export function dueByHost(
  jobs: readonly Job[],
  next: ReadonlyMap<string, number>,
  nowMs: number,
): Map<string, Job[]> {
  const out = new Map<string, Job[]>();
  for (const j of jobs) {
    if ((next.get(jobKey(j)) ?? 0) > nowMs) continue;
    const list = out.get(j.host) ?? [];
    list.push(j);
    out.set(j.host, list);
  }
  return out;
}

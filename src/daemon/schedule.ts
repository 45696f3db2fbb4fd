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
 * A stable phase in [0, interval) per job: 300 hosts with a 5 min interval
 * spread over the 5 minutes instead of all starting at :00, and the same job
 * keeps its slot across restarts.
 */
export function phaseMs(j: Job): number {
  const h = createHash('sha256').update(jobKey(j)).digest();
  return h.readUInt32BE(0) % Math.max(1, j.intervalSec * 1000);
}

/** The first slot of the job strictly after `afterMs` (epoch ms). */
export function nextRunMs(j: Job, afterMs: number): number {
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

import type { ContainerInspect, ContainerSummary } from '../../clients/docker/client.js';
import type { CheckOutcome } from '../../core/check.js';
import { type Status, worst } from '../../core/status.js';

const PROJECT = 'com.docker.compose.project';
const SERVICE = 'com.docker.compose.service';

/** `project/service` of a Compose container, or undefined for a container not run by Compose. */
export function serviceOf(labels: Record<string, string>): string | undefined {
  const p = labels[PROJECT];
  const s = labels[SERVICE];
  return p && s ? `${p}/${s}` : undefined;
}

export interface ContainerState {
  name: string;
  /** running, restarting, exited, created, paused, dead… */
  state: string;
  /** healthy, unhealthy, starting; undefined without a HEALTHCHECK. */
  health?: string;
  restarts: number;
  exitCode?: number;
}

/** Restarted this often and up again only this recently: caught between two crashes of a loop. */
const LOOP_RESTARTS = 3;
const LOOP_UPTIME_MS = 120_000;

/** Compose services → their containers' states. */
export function groupServices(
  containers: readonly ContainerSummary[],
  inspected: ReadonlyMap<string, ContainerInspect>,
  now: Date = new Date(),
): Map<string, ContainerState[]> {
  const out = new Map<string, ContainerState[]>();
  for (const c of containers) {
    const key = serviceOf(c.Labels);
    if (!key) continue;
    const i = inspected.get(c.Id);
    const st: ContainerState = {
      name: (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
      state: i && looping(i, now) ? 'restarting' : (i?.State.Status ?? c.State),
      restarts: i?.RestartCount ?? 0,
    };
    if (i?.State.Health?.Status) st.health = i.State.Health.Status;
    if (i?.State.ExitCode !== undefined) st.exitCode = i.State.ExitCode;
    out.set(key, [...(out.get(key) ?? []), st]);
  }
  return out;
}

function looping(i: ContainerInspect, now: Date): boolean {
  if (i.State.Restarting) return true;
  const up = now.getTime() - Date.parse(i.State.StartedAt ?? '');
  return i.State.Status === 'running' && i.RestartCount >= LOOP_RESTARTS && up >= 0 && up < LOOP_UPTIME_MS;
}

export interface ServiceVerdict {
  service: string;
  status: Status;
  why: string;
}

/** One expected service: CRIT when no container of it runs or one restarts in a loop, WARN when unhealthy. */
export function judgeService(service: string, containers: readonly ContainerState[] = []): ServiceVerdict {
  const v = (status: Status, why: string): ServiceVerdict => ({ service, status, why });
  if (containers.length === 0) return v('CRIT', `${service}: no container (removed, or never started)`);
  const looping = containers.find((c) => c.state === 'restarting');
  if (looping)
    return v('CRIT', `${service}: ${looping.name} is restarting in a loop (${looping.restarts} restarts)`);
  const running = containers.filter((c) => c.state === 'running');
  if (running.length === 0) {
    const c = containers[0]!;
    const code = c.exitCode !== undefined && c.state === 'exited' ? ` (exit code ${c.exitCode})` : '';
    return v('CRIT', `${service}: not running, ${c.name} is ${c.state}${code}`);
  }
  const sick = running.find((c) => c.health === 'unhealthy');
  if (sick) return v('WARN', `${service}: ${sick.name} is running but unhealthy`);
  return v('OK', `${service}: running`);
}

/** Every expected service judged; running Compose services nobody expects are listed, not judged. */
export function judgeServices(
  groups: ReadonlyMap<string, ContainerState[]>,
  expected: readonly string[],
  source: string,
): CheckOutcome {
  const verdicts = expected.map((s) => judgeService(s, groups.get(s)));
  const status = worst(verdicts.map((x) => x.status));
  const bad = verdicts.filter((x) => x.status !== 'OK');
  const unexpected = [...groups.keys()].filter((s) => !expected.includes(s)).sort();
  const summary =
    bad.length === 0
      ? `${expected.length} expected service(s) running (${source})`
      : `${bad.length} of ${expected.length} expected service(s) not well: ${bad.map((b) => b.service).join(', ')}`;
  return {
    status,
    summary,
    reasons: bad.map((b) => b.why),
    details: {
      expectedFrom: source,
      services: verdicts.map((x) => ({ service: x.service, status: x.status, state: x.why })),
      unexpected,
      containers: Object.fromEntries(groups),
    },
  };
}

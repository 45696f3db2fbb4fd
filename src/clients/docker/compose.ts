import type { Status } from '../../core/status.js';
import { type Lang, t } from '../../i18n/index.js';
import type { ContainerInspect, ContainerSummary, DockerClient } from './client.js';

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
export function judgeService(
  service: string,
  containers: readonly ContainerState[] = [],
  lang: Lang = 'en',
): ServiceVerdict {
  const v = (status: Status, why: string): ServiceVerdict => ({ service, status, why });
  if (containers.length === 0) return v('CRIT', t(lang, 'docker.service.none', { service }));
  const looping = containers.find((c) => c.state === 'restarting');
  if (looping)
    return v('CRIT', t(lang, 'docker.service.looping', { service, name: looping.name, n: looping.restarts }));
  const running = containers.filter((c) => c.state === 'running');
  if (running.length === 0) {
    const c = containers[0]!;
    const code = c.exitCode !== undefined && c.state === 'exited' ? String(c.exitCode) : '';
    return v('CRIT', t(lang, 'docker.service.notRunning', { service, name: c.name, state: c.state, code }));
  }
  const sick = running.find((c) => c.health === 'unhealthy');
  if (sick) return v('WARN', t(lang, 'docker.service.unhealthy', { service, name: sick.name }));
  return v('OK', t(lang, 'docker.service.running', { service }));
}

/** The host's Compose services and their containers' states (the list has no health nor restarts: inspected). */
export async function composeServices(
  api: DockerClient,
  now: Date = new Date(),
): Promise<Map<string, ContainerState[]>> {
  const containers = await api.containers();
  const inspected = new Map<string, ContainerInspect>();
  for (const c of containers) if (serviceOf(c.Labels)) inspected.set(c.Id, await api.inspect(c.Id));
  return groupServices(containers, inspected, now);
}

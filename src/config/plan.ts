import type { Registry } from '../core/registry.js';
import type { PlannedCheck } from '../core/runner.js';
import { effectiveChecks, effectiveHosts, selectHosts } from './load.js';
import type { Config, HostConfig } from './schema.js';

export interface HostChecks {
  host: HostConfig;
  checks: PlannedCheck[];
}

export interface PlanFilter {
  /** Host selectors from the command line (`web1`, `tag:hypervisor`, `!web2`). */
  hosts: readonly string[];
  /** Check instance names or kinds (`apt.pending`); empty: all. */
  checks: readonly string[];
}

/**
 * Which checks run where. Without `checks:` in the config, every zero-config
 * kind runs on every host, and an absent subject is "not applicable".
 */
export function planRound(config: Config, registry: Registry, filter: PlanFilter): HostChecks[] {
  const explicit = config.checks !== undefined;
  const instances = effectiveChecks(config, registry).filter(
    (c) => filter.checks.length === 0 || filter.checks.includes(c.name) || filter.checks.includes(c.kind),
  );
  return selectHosts(filter.hosts, effectiveHosts(config))
    .map((host) => ({
      host,
      checks: instances.flatMap((c): PlannedCheck[] => {
        const kind = registry.get(c.kind);
        if (!kind || selectHosts(c.on, [host]).length === 0) return [];
        return [
          {
            instance: c.name,
            kind,
            options: c.options,
            timeoutSec: c.timeout,
            explicit,
            sudo: c.sudo ?? host.sudo,
          },
        ];
      }),
    }))
    .filter((h) => h.checks.length > 0);
}

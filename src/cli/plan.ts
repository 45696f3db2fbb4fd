import { hostname } from 'node:os';
import type { Config, HostConfig } from '../config/schema.js';
import type { Registry } from '../core/registry.js';
import type { PlannedCheck } from '../core/runner.js';
import { select } from './select.js';

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

/** The machine ronde runs on, when the inventory is empty. */
export function localHost(config: Config): HostConfig {
  return {
    name: hostname(),
    address: 'localhost',
    local: true,
    tags: ['local'],
    ssh: config.defaults.ssh,
    sudo: false,
  };
}

/**
 * Which checks run where. Without `checks:` in the config, every zero-config
 * kind runs on every host, and an absent subject is "not applicable".
 */
export function planRound(config: Config, registry: Registry, filter: PlanFilter): HostChecks[] {
  const inventory = config.hosts.length > 0 ? config.hosts : [localHost(config)];
  const hosts = select(inventory, filter.hosts);
  const wanted = (name: string, kind: string) =>
    filter.checks.length === 0 || filter.checks.includes(name) || filter.checks.includes(kind);
  return hosts
    .map((host) => {
      const checks: PlannedCheck[] = [];
      if (config.checks === undefined) {
        for (const kind of registry.all()) {
          if (!kind.zeroConfig || !wanted(kind.id, kind.id)) continue;
          checks.push({
            instance: kind.id,
            kind,
            options: kind.options.parse({}),
            timeoutSec: kind.timeoutSec ?? config.defaults.timeout,
            explicit: false,
            sudo: host.sudo,
          });
        }
      } else {
        for (const c of config.checks) {
          const kind = registry.get(c.kind);
          if (!kind || !wanted(c.name, c.kind) || select([host], c.on).length === 0) continue;
          checks.push({
            instance: c.name,
            kind,
            options: c.options,
            timeoutSec: c.timeout,
            explicit: true,
            sudo: c.sudo ?? host.sudo,
          });
        }
      }
      return { host, checks };
    })
    .filter((h) => h.checks.length > 0);
}

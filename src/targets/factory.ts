import type { HostConfig } from '../config/schema.js';
import type { Target } from '../core/target.js';
import { TargetError } from '../core/target.js';
import { LocalTarget } from './local.js';

/** Makes the targets of a round; `close()` ends every connection it opened. */
export interface TargetFactory {
  target(host: HostConfig): Target;
  close(): Promise<void>;
}

export function targetFactory(): TargetFactory {
  return {
    target(host) {
      if (host.local) return new LocalTarget(host.name);
      return unreachable(host.name, 'SSH targets are not available in this build');
    },
    async close() {},
  };
}

function unreachable(name: string, why: string): Target {
  return {
    name,
    transport: 'ssh',
    runBatch: async () => {
      throw new TargetError(why, 'unreachable');
    },
    close: async () => {},
  };
}

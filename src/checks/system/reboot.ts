import { z } from 'zod';
import { type CheckOutcome, defineCheck } from '../../core/check.js';
import type { CommandResult } from '../../core/command.js';
import { newestKernel, parseRebootPkgs, parseVmlinuz } from './parse-kernels.js';

export const systemRebootOptions = z.object({}).strict();

export interface RebootFacts {
  /** Epoch seconds /run/reboot-required was created, null when absent. */
  flagSince: number | null;
  flagPackages: string[];
  running: string | null;
  /** Kernel releases with an image in /boot; null when /boot could not be read (container). */
  installed: string[] | null;
}

export function collectRebootFacts(outputs: readonly (CommandResult | undefined)[]): RebootFacts {
  const [flag, pkgs, uname, boot] = outputs;
  const since = Number(/^(\d+(?:\.\d+)?)/.exec(flag?.stdout.trim() ?? '')?.[1]);
  const running = uname?.exitCode === 0 ? (uname.stdout.trim().split('\n')[0] ?? '') : '';
  return {
    flagSince: Number.isFinite(since) ? since : null,
    flagPackages: pkgs?.exitCode === 0 ? parseRebootPkgs(pkgs.stdout) : [],
    running: /^\S+$/.test(running) ? running : null,
    installed: boot?.exitCode === 0 ? parseVmlinuz(boot.stdout) : null,
  };
}

export function judgeReboot(f: RebootFacts, now: Date): CheckOutcome {
  const reasons: string[] = [];
  const newest = f.running && f.installed ? newestKernel(f.running, f.installed) : null;
  const kernelApplicable = newest !== null;
  if (f.flagSince !== null) {
    const days = Math.max(0, (now.getTime() / 1000 - f.flagSince) / 86400).toFixed(1);
    const pk = f.flagPackages.length ? ` for ${f.flagPackages.join(', ')}` : '';
    reasons.push(`/run/reboot-required exists since ${days} days${pk}`);
  }
  if (newest !== null && newest !== f.running)
    reasons.push(`running kernel ${f.running}, newest installed ${newest}`);
  const details = {
    rebootRequired: f.flagSince !== null,
    rebootRequiredSince: f.flagSince === null ? null : new Date(f.flagSince * 1000).toISOString(),
    packages: f.flagPackages,
    runningKernel: f.running,
    newestKernel: newest,
    kernelCheck: kernelApplicable
      ? 'compared'
      : 'not applicable: no kernel image of the running flavour in /boot',
  };
  if (reasons.length > 0)
    return { status: 'WARN', summary: `reboot needed: ${reasons.join('; ')}`, reasons, details };
  if (f.running === null) {
    return {
      status: 'UNKNOWN',
      summary: 'cannot read the running kernel',
      reasons: ['uname -r failed'],
      details,
    };
  }
  const summary = kernelApplicable
    ? `no reboot needed, running the newest kernel ${f.running}`
    : `no reboot flag; kernel ${f.running} not comparable (no image in /boot, e.g. a container)`;
  return { status: 'OK', summary, details };
}

export const systemReboot = defineCheck({
  id: 'system.reboot',
  title: 'Reboot needed',
  options: systemRebootOptions,
  zeroConfig: true,
  timeoutSec: 20,
  commands: () => [
    {
      argv: ['find', '/run', '-maxdepth', '1', '-name', 'reboot-required', '-printf', '%T@\\n'],
      timeoutSec: 10,
    },
    { argv: ['cat', '/run/reboot-required.pkgs'], timeoutSec: 10, maxOutputBytes: 64 << 10 },
    { argv: ['uname', '-r'], timeoutSec: 10 },
    { argv: ['find', '/boot', '-maxdepth', '1', '-name', 'vmlinuz-*', '-printf', '%f\\n'], timeoutSec: 10 },
  ],
  // The flag files; /boot changes when a kernel is installed or removed; /proc/1 is
  // created anew at each boot (the running kernel can only change then).
  stampPublic: true,
  stampPaths: () => ['/run/reboot-required', '/run/reboot-required.pkgs', '/boot', '/proc/1'],
  evaluate(ctx) {
    try {
      return judgeReboot(collectRebootFacts(ctx.outputs), ctx.now);
    } catch (err) {
      return {
        status: 'UNKNOWN',
        summary: 'system.reboot failed',
        reasons: [`internal error: ${String(err)}`],
      };
    }
  },
  docs: {
    observes:
      'Whether the machine waits for a reboot (R1): the /run/reboot-required flag written by package hooks (with the packages in reboot-required.pkgs), and the running kernel against the newest kernel image of the same flavour in /boot.',
    privileges: 'None.',
    statuses: {
      OK: 'No reboot flag, and the running kernel is the newest installed one (or no kernel image is installed, as in a container).',
      WARN: 'The reboot flag exists, or a newer kernel of the running flavour is installed.',
      UNKNOWN: 'The running kernel cannot be read.',
    },
    example: 'checks:\n  - kind: system.reboot\n    on: all\n',
  },
});

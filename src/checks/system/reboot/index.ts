import { z } from 'zod';
import { type CheckOutcome, defineCheck } from '../../../core/check.js';
import type { CommandResult } from '../../../core/command.js';
import { unknown } from '../../../core/outcome.js';
import { duration, type Lang, t } from '../../../i18n/index.js';
import { nodeExporterOption, readNodeExporter } from '../../_shared/node-exporter.js';
import { judgeRebootMetrics } from './metrics.js';
import {
  newestKernel,
  OSRELEASE,
  parseRebootFind,
  parseRebootHead,
  parseRebootPkgs,
  parseVmlinuz,
  REBOOT_PKGS,
} from './parse.js';

export const systemRebootOptions = z.object({ node_exporter: nodeExporterOption }).strict();

export interface RebootFacts {
  /** Epoch seconds /run/reboot-required was created, null when absent. */
  flagSince: number | null;
  flagPackages: string[];
  running: string | null;
  /** Kernel releases with an image in /boot; null when /boot could not be read (container). */
  installed: string[] | null;
}

export function collectRebootFacts(outputs: readonly (CommandResult | undefined)[]): RebootFacts {
  const [find, head] = outputs;
  const found = parseRebootFind(find?.stdout ?? '');
  // find says which start point it could not read; /boot missing or unreadable: no kernel facts.
  const bootUnread = !find || (find.exitCode !== 0 && (find.exitCode !== 1 || /'\/boot'/.test(find.stderr)));
  const { running, pkgs } = parseRebootHead(head?.stdout ?? '');
  return {
    flagSince: found.flagSince,
    flagPackages: pkgs === null ? [] : parseRebootPkgs(pkgs),
    running,
    installed: bootUnread ? null : parseVmlinuz(found.images),
  };
}

export function judgeReboot(f: RebootFacts, now: Date, lang: Lang): CheckOutcome {
  const reasons: string[] = [];
  const newest = f.running && f.installed ? newestKernel(f.running, f.installed) : null;
  const kernelApplicable = newest !== null;
  if (f.flagSince !== null) {
    const age = duration(lang, now.getTime() / 1000 - f.flagSince);
    reasons.push(t(lang, 'system.reboot.flag', { age, packages: f.flagPackages.join(', ') }));
  }
  if (newest !== null && newest !== f.running)
    reasons.push(t(lang, 'system.reboot.kernel', { running: f.running ?? '', newest }));
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
    return {
      status: 'WARN',
      summary: t(lang, 'system.reboot.needed', { reasons: reasons.join('; ') }),
      reasons,
      details,
    };
  if (f.running === null) {
    return {
      status: 'UNKNOWN',
      summary: t(lang, 'system.reboot.noKernel'),
      reasons: [t(lang, 'system.reboot.unread', { path: OSRELEASE })],
      details,
    };
  }
  const summary = kernelApplicable
    ? t(lang, 'system.reboot.ok', { kernel: f.running })
    : t(lang, 'system.reboot.okNoImage', { kernel: f.running });
  return { status: 'OK', summary, details };
}

export const systemReboot = defineCheck({
  id: 'system.reboot',
  title: 'Reboot needed',
  options: systemRebootOptions,
  zeroConfig: true,
  timeoutSec: 20,
  // Two processes: one find for the flag and the kernel images, one head for the running
  // kernel's release and the flag's package list (a round's cost is its process starts).
  // With node_exporter, the host's metrics are read over HTTP: no command runs there.
  commands: (o) =>
    o.node_exporter
      ? []
      : [
          {
            argv: [
              ...['find', '-H', '/run', '/boot', '-maxdepth', '1', '('],
              ...['-path', '/run/reboot-required', '-printf', 'flag %T@\\n', '-o'],
              ...['-path', '/boot/vmlinuz-*', '-printf', 'image %f\\n', ')'],
            ],
            timeoutSec: 10,
          },
          { argv: ['head', '-c', '65536', OSRELEASE, REBOOT_PKGS], timeoutSec: 10, maxOutputBytes: 64 << 10 },
        ],
  // The flag files; /boot changes when a kernel is installed or removed; /proc/1 is
  // created anew at each boot (the running kernel can only change then).
  stampPublic: true,
  stampPaths: (o) =>
    o.node_exporter ? undefined : ['/run/reboot-required', '/run/reboot-required.pkgs', '/boot', '/proc/1'],
  async evaluate(ctx) {
    if (ctx.options.node_exporter) {
      const got = await readNodeExporter(ctx.options.node_exporter, ctx.target.name, ctx.signal, ctx.lang);
      if ('error' in got) return unknown(got.error);
      return judgeRebootMetrics(got.metrics, got.url, ctx.now, ctx.lang);
    }
    try {
      return judgeReboot(collectRebootFacts(ctx.outputs), ctx.now, ctx.lang);
    } catch (err) {
      return {
        status: 'UNKNOWN',
        summary: t(ctx.lang, 'check.internal', { kind: 'system.reboot' }),
        reasons: [t(ctx.lang, 'check.internalError', { error: String(err) })],
      };
    }
  },
});

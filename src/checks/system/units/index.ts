import { z } from 'zod';
import { type CheckOutcome, defineCheck } from '../../../core/check.js';
import { type CommandResult, EXIT_NOT_FOUND } from '../../../core/command.js';
import { unknown } from '../../../core/outcome.js';
import { type Lang, t } from '../../../i18n/index.js';
import { matchesAny } from '../../_shared/glob.js';
import { noSystemdReason, parseUnits, type UnitRow } from './parse.js';

const Options = z
  .object({
    ignore: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Unit-name globs whose failure is expected or tracked elsewhere, e.g. `user@*.service`, `*.mount`.',
      ),
  })
  .strict();
export type UnitsOptions = z.output<typeof Options>;

export function judgeUnits(units: readonly UnitRow[], o: UnitsOptions, lang: Lang): CheckOutcome {
  const failed = units.filter((u) => !matchesAny(u.unit, o.ignore));
  const ignored = units.filter((u) => matchesAny(u.unit, o.ignore)).map((u) => u.unit);
  const details = { failed, ignored };
  if (failed.length === 0) {
    const tail =
      ignored.length > 0
        ? t(lang, 'system.units.ignored', { n: ignored.length, names: ignored.join(', ') })
        : '';
    return { status: 'OK', summary: t(lang, 'system.units.none', { ignored: tail }), details };
  }
  const names = failed.map((u) => u.unit);
  return {
    status: 'CRIT',
    summary: t(lang, 'system.units.failed', {
      n: failed.length,
      names: `${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}`,
    }),
    reasons: failed.map(
      (u) => `${u.unit} ${u.active}/${u.sub} (${u.load})${u.description ? `: ${u.description}` : ''}`,
    ),
    details,
  };
}

export function evaluateUnits(out: CommandResult | undefined, o: UnitsOptions, lang: Lang): CheckOutcome {
  if (!out) return unknown(t(lang, 'system.units.noRun'));
  if (out.timedOut) return unknown(t(lang, 'system.units.timedOut'));
  if (out.error) return unknown(t(lang, 'system.units.incomplete', { error: out.error }));
  if (out.exitCode === EXIT_NOT_FOUND)
    return unknown(t(lang, 'system.units.noSystemd', { why: t(lang, 'system.units.notFound') }), {
      notApplicable: true,
    });
  const noSystemd = noSystemdReason(out.stderr);
  if (noSystemd)
    return unknown(t(lang, 'system.units.noSystemd', { why: noSystemd }), { notApplicable: true });
  if (out.exitCode !== 0) {
    const why =
      out.stderr
        .split('\n')
        .find((l) => l.trim() !== '')
        ?.trim() ?? t(lang, 'system.units.noMessage');
    return unknown(t(lang, 'system.units.exited', { code: out.exitCode, why }));
  }
  const { units, malformed } = parseUnits(out.stdout);
  const judged = judgeUnits(units, o, lang);
  if (malformed.length === 0) return judged;
  // Lines we cannot read may be failed units: never OK on them, but a known failure stays CRIT.
  const reasons = [
    ...(judged.reasons ?? []),
    ...malformed.map((l) => t(lang, 'system.units.unparsed', { line: l.trim() })),
  ];
  if (judged.status === 'CRIT') return { ...judged, reasons };
  return {
    status: 'UNKNOWN',
    summary: t(lang, 'system.units.notUnderstood', { line: malformed[0]!.trim() }),
    reasons,
  };
}

export const systemUnits = defineCheck({
  id: 'system.units',
  title: 'Failed systemd units',
  options: Options,
  zeroConfig: true,
  timeoutSec: 15,
  commands: () => [
    {
      argv: ['systemctl', 'list-units', '--state=failed', '--no-legend', '--plain', '--no-pager', '--full'],
      timeoutSec: 15,
    },
  ],
  // Whether systemd runs here is what sd_booted() tests (/run/systemd/system exists); a
  // systemctl appearing counts too. Failed units change at any moment: only the
  // "no systemd" answer is ever reused, the others are good for no time at all.
  stampPublic: true,
  stampPaths: () => ['/run/systemd/system', '/usr/bin/systemctl', '/bin/systemctl'],
  evaluate: (ctx) => {
    const o = evaluateUnits(ctx.outputs[0], ctx.options, ctx.lang);
    return o.notApplicable ? o : { ...o, validUntil: ctx.now.toISOString() };
  },
});

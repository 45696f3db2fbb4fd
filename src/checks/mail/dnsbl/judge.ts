import type { CheckOutcome } from '../../../core/check.js';
import type { Status } from '../../../core/status.js';
import type { Lookup } from './classify.js';
import { knownZone } from './zones.js';

const STATUS: Record<Lookup['result'], Status> = {
  listed: 'CRIT',
  refused: 'UNKNOWN',
  error: 'UNKNOWN',
  clean: 'OK',
};

/** One line a newcomer understands, per lookup that is not clean. */
export function reasonOf(l: Lookup): string {
  const what = (l.meanings ?? []).join('; ');
  if (l.result === 'listed') {
    const where = knownZone(l.zone)?.lookup;
    return `${l.subject} is listed on ${l.zone}: ${what}${l.txt?.length ? ` (reason: ${l.txt.join(' ')})` : ''}${where ? `; fix the cause, then ask for delisting at ${where}` : ''}`;
  }
  return `${l.zone} could not say whether ${l.subject} is listed: ${what}`;
}

export function judgeLookups(lookups: readonly Lookup[], resolver: readonly string[]): CheckOutcome {
  const order: Lookup['result'][] = ['listed', 'refused', 'error'];
  const bad = lookups
    .filter((l) => l.result !== 'clean')
    .sort((a, b) => order.indexOf(a.result) - order.indexOf(b.result));
  const status: Status = bad.some((l) => l.result === 'listed') ? 'CRIT' : bad.length ? 'UNKNOWN' : 'OK';
  const reused = lookups.filter((l) => l.reused);
  const details = {
    lookups,
    resolver,
    ...(reused.length ? { reused: reused.length } : {}),
  };
  if (lookups.length === 0) {
    const why = 'nothing to ask: no address for the `ip` lists and no domain for the `domain` lists';
    return { status: 'UNKNOWN', summary: why, reasons: [why], details };
  }
  const reasons = bad.map(reasonOf);
  if (reused.length && status !== 'OK') {
    const oldest = reused.map((l) => l.at).sort()[0];
    reasons.push(
      `${reused.length} answer${reused.length === 1 ? '' : 's'} reused from ${oldest}: a list is asked again once min_interval has passed (lists block heavy users)`,
    );
  }
  const zones = new Set(lookups.map((l) => l.zone)).size;
  const subjects = [...new Set(lookups.map((l) => l.subject))];
  const summary =
    status === 'OK'
      ? `${subjects.join(', ')}: not listed on ${zones} list${zones === 1 ? '' : 's'}${reused.length ? ` (${reused.length} answers reused from the last ${reused.length === lookups.length ? 'run' : 'runs'})` : ''}`
      : reasons.filter((_r, i) => STATUS[bad[i]?.result ?? 'clean'] === status)[0]! +
        (bad.length > 1 ? ` (and ${bad.length - 1} more)` : '');
  return { status, summary, reasons, details };
}

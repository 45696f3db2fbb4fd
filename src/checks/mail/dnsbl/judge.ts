import type { CheckOutcome } from '../../../core/check.js';
import type { Status } from '../../../core/status.js';
import { type Lang, t } from '../../../i18n/index.js';
import { type Lookup, saidOf } from './classify.js';
import { knownZone } from './zones.js';

const STATUS: Record<Lookup['result'], Status> = {
  listed: 'CRIT',
  refused: 'UNKNOWN',
  error: 'UNKNOWN',
  clean: 'OK',
};

/** One line a newcomer understands, per lookup that is not clean. */
export function reasonOf(l: Lookup, lang: Lang): string {
  // The meanings are the lists' own (zones.ts, also in details): quoted as they are.
  // Our own words on why it could not tell, said in `lang`: a fresh lookup keeps them; a stored
  // resolver refusal (reused, not asked again) is known by its English.
  const refused = t('en', 'mail.dnsbl.resolverRefused');
  const ours =
    l.result === 'refused' && l.meanings?.length === 1 && l.meanings[0] === refused
      ? t(lang, 'mail.dnsbl.resolverRefused')
      : saidOf(l)?.say(lang);
  const what = ours ?? (l.meanings ?? []).join(t(lang, 'mail.dnsbl.sep'));
  if (l.result === 'listed') {
    const where = knownZone(l.zone)?.lookup ?? '';
    const txt = l.txt?.length ? l.txt.join(' ') : '';
    return t(lang, 'mail.dnsbl.listed', { subject: l.subject, zone: l.zone, what, txt, where });
  }
  return t(lang, 'mail.dnsbl.unsure', { zone: l.zone, subject: l.subject, what });
}

export function judgeLookups(
  lookups: readonly Lookup[],
  resolver: readonly string[],
  lang: Lang,
): CheckOutcome {
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
    const why = t(lang, 'mail.dnsbl.nothing');
    return { status: 'UNKNOWN', summary: why, reasons: [why], details };
  }
  const reasons = bad.map((l) => reasonOf(l, lang));
  if (reused.length && status !== 'OK') {
    const oldest = reused.map((l) => l.at).sort()[0];
    reasons.push(t(lang, 'mail.dnsbl.reused', { n: reused.length, oldest: oldest ?? '' }));
  }
  const zones = new Set(lookups.map((l) => l.zone)).size;
  const subjects = [...new Set(lookups.map((l) => l.subject))];
  const summary =
    status === 'OK'
      ? t(lang, 'mail.dnsbl.ok', {
          subjects: subjects.join(', '),
          many: subjects.length > 1,
          zones,
          reused: reused.length,
          lastRun: reused.length === lookups.length,
        })
      : reasons.filter((_r, i) => STATUS[bad[i]?.result ?? 'clean'] === status)[0]! +
        (bad.length > 1 ? t(lang, 'mail.dnsbl.andMore', { n: bad.length - 1 }) : '');
  return { status, summary, reasons, details };
}

import type { Lang } from '../i18n/index.js';
import { type CheckChange, type Draft, problemMessage, recoveryMessage, unknownMessage } from './format.js';
import type { Severity } from './types.js';

/*
 * A host is the unit of a round, and of what the team hears: all of one
 * host's changes in one round (worse, cannot check, better) are one message.
 * The parts keep the wording of the single-kind messages; this only puts
 * them together, most urgent first.
 */

export type ChangeEvent = 'check.problem' | 'check.unknown' | 'check.recovery';

/** Most urgent first: what the message is about (its event, for routing and display). */
const ORDER: readonly ChangeEvent[] = ['check.problem', 'check.unknown', 'check.recovery'];
const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** One host's changes of one round as one message; undefined when there is none. */
export function hostMessage(
  lang: Lang,
  target: string,
  changes: readonly (CheckChange & { event: ChangeEvent })[],
): Draft | undefined {
  const parts = ORDER.map((event) => {
    const mine = changes.filter((c) => c.event === event);
    if (mine.length === 0) return undefined;
    return event === 'check.problem'
      ? problemMessage(lang, target, mine)
      : event === 'check.unknown'
        ? unknownMessage(lang, target, mine)
        : recoveryMessage(lang, target, mine);
  }).filter((d): d is Draft => d !== undefined);
  const [first, ...rest] = parts;
  if (!first) return undefined;
  if (rest.length === 0) return first;
  // Each part's title starts with the host ("web1: …", "web1 : …" in French): said once.
  const head = new RegExp(`^${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s?:\\s`);
  const prefix = head.exec(first.title)?.[0] ?? `${target}: `;
  const strip = (t: string) => t.replace(head, '');
  const severity = parts
    .map((p) => p.severity ?? 'info')
    .reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'info' as Severity);
  return {
    event: first.event,
    title: `${prefix}${parts.map((p) => strip(p.title)).join('; ')}`,
    text: parts.map((p) => `**${strip(p.title)}**\n${p.text}`).join('\n\n'),
    severity,
  };
}

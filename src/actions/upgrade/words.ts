import { type Lang, t } from '../../i18n/index.js';
import type { Refusal } from './plan.js';
import type { StepName, StepOutcome } from './repo.js';

/*
 * How the action's records read to people, in the team's language: the
 * store keeps the codes (refusal codes, step names, outcomes); the command,
 * the announcements and the history say them with these.
 */

/** Why a host is refused: `its newest backup is too old (…)`. */
export function refusalText(lang: Lang, r: Refusal): string {
  return r.code === 'noBackup' || r.code === 'local'
    ? t(lang, `upgrade.refuse.${r.code}`)
    : t(lang, `upgrade.refuse.${r.code}`, { detail: r.detail });
}

const STEPS: readonly StepName[] = [
  'snapshot',
  'pre-hook',
  'upgrade',
  'reboot',
  'recheck',
  'refused',
  'not-started',
];
const OUTCOMES: readonly StepOutcome[] = ['running', 'ok', 'failed', 'skipped', 'interrupted'];

/** A step's name; one a newer ronde recorded, as stored. */
export function stepName(lang: Lang, step: string): string {
  return (STEPS as readonly string[]).includes(step) ? t(lang, `upgrade.step.${step as StepName}`) : step;
}

export function stepOutcome(lang: Lang, outcome: string): string {
  return (OUTCOMES as readonly string[]).includes(outcome)
    ? t(lang, `upgrade.stepOutcome.${outcome as StepOutcome}`)
    : outcome;
}

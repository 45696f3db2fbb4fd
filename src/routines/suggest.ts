import type { Routine, Team, TeamMember } from './schema.js';
import { effectiveSignoffs, type Signoff } from './state.js';

/*
 * Who should take each routine that needs doing. Fair over time and within
 * one reminder: the assignee first; otherwise the member who did the fewest
 * routines lately, then the one whose last sign-off is oldest (never = first),
 * then the config order — and each suggestion counts as one more routine for
 * that member, so eleven unassigned routines are spread over the team instead
 * of all going to whoever was idle longest.
 */

/** Sign-offs older than this no longer count in "who did the fewest". */
export const FAIRNESS_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

export interface Suggestion {
  member: TeamMember;
  /** The routine's `assignee` (else a suggestion). */
  assigned: boolean;
}

/**
 * One person per routine, for routines given in priority order (overdue
 * first): the order decides who gets the first pick of the least busy member.
 * Routines whose assignee is not in `team`, and every routine of an empty
 * team, get none.
 */
export function suggestPeople(
  routines: readonly Routine[],
  team: Team,
  signoffs: readonly Signoff[],
  now: Date,
): Map<string, Suggestion> {
  const since = now.getTime() - FAIRNESS_WINDOW_DAYS * DAY_MS;
  const load = new Map<string, number>(team.map((m) => [m.name, 0]));
  const last = new Map<string, number>();
  for (const s of effectiveSignoffs(signoffs)) {
    if (!load.has(s.by)) continue; // `ronde` (automatic) or a former member
    const t = s.at.getTime();
    if (t >= since && t <= now.getTime()) load.set(s.by, load.get(s.by)! + 1);
    last.set(s.by, Math.max(last.get(s.by) ?? Number.NEGATIVE_INFINITY, t));
  }
  const out = new Map<string, Suggestion>();
  for (const r of routines) {
    const member = r.assignee === undefined ? undefined : team.find((m) => m.name === r.assignee);
    if (!member) continue;
    out.set(r.id, { member, assigned: true });
    load.set(member.name, load.get(member.name)! + 1);
  }
  for (const r of routines) {
    if (r.assignee !== undefined) continue;
    let best: { member: TeamMember; load: number; last: number } | undefined;
    for (const member of team) {
      const cand = {
        member,
        load: load.get(member.name)!,
        last: last.get(member.name) ?? Number.NEGATIVE_INFINITY,
      };
      if (!best || cand.load < best.load || (cand.load === best.load && cand.last < best.last)) best = cand;
    }
    if (!best) break;
    out.set(r.id, { member: best.member, assigned: false });
    load.set(best.member.name, best.load + 1);
  }
  return out;
}

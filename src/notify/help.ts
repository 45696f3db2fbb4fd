import type { Config } from '../config/schema.js';
import { linkedResults } from '../routines/board.js';
import type { CurrentState } from '../store/types.js';
import { type CheckChange, docsLink } from './format.js';

/**
 * What a problem post adds under each check so a person can act on it: the
 * kind's docs page, and the routines whose `checks:` link the check on that
 * host (the human duty the check backs), matched as the routines board does.
 */
export function checkHelp(
  config: Pick<Config, 'routines' | 'hosts' | 'notify'> & Partial<Pick<Config, 'team'>>,
): (r: {
  check: string;
  kind: string;
  target: string;
}) => Pick<CheckChange, 'docs' | 'routines' | 'mention'> {
  const hostTags = new Map(config.hosts.map((h) => [h.name, h.tags]));
  const team = config.team ?? [];
  const onDuty = team.filter((m) => m.on_duty);
  return (r) => {
    const probe = { ...r, status: 'OK' } as CurrentState;
    const linked = config.routines.filter(
      (routine) => linkedResults(routine.checks, [probe], hostTags).results.length > 0,
    );
    const routines = linked.map((routine) => ({ id: routine.id, title: routine.title }));
    // Who is called when it is CRIT: the people the backing routines are given to, else whoever is on duty.
    const assignees = team.filter((m) => linked.some((routine) => routine.assignee === m.name));
    const mention = assignees.length > 0 ? assignees : onDuty;
    return {
      docs: docsLink(r.kind, config.notify.docsUrl),
      ...(routines.length > 0 ? { routines } : {}),
      ...(mention.length > 0 ? { mention } : {}),
    };
  };
}

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
  config: Pick<Config, 'routines' | 'hosts' | 'notify'>,
): (r: { check: string; kind: string; target: string }) => Pick<CheckChange, 'docs' | 'routines'> {
  const hostTags = new Map(config.hosts.map((h) => [h.name, h.tags]));
  return (r) => {
    const probe = { ...r, status: 'OK' } as CurrentState;
    const routines = config.routines
      .filter((routine) => linkedResults(routine.checks, [probe], hostTags).results.length > 0)
      .map((routine) => ({ id: routine.id, title: routine.title }));
    return {
      docs: docsLink(r.kind, config.notify.docsUrl),
      ...(routines.length > 0 ? { routines } : {}),
    };
  };
}

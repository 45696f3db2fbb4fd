import { Command } from 'commander';
import { dateTime } from '../i18n/index.js';
import { type Cover, formatSelector, parseSelector } from '../notify/covers.js';
import { activeCovers, listSpans } from '../notify/covers-repo.js';
import { recurringCovers } from '../notify/hold.js';
import { boardTimeZone } from '../routines/board.js';
import type { Store } from '../store/types.js';
import {
  ActionError,
  type Actor,
  acknowledge,
  closeSpan,
  openSpan,
  parseFor,
  unacknowledge,
} from '../web/cover-actions.js';
import { person, type SignoffDeps } from './done.js';
import { CliError, EX_USAGE } from './errors.js';

/*
 * `ronde ack`, `ronde silence`, `ronde maintenance`: the page's actions from
 * the monitoring host, with the same rules and the same audit log (channel cli).
 */

type Deps = SignoffDeps;

async function withStore<T>(
  deps: Deps,
  fn: (s: Store, who: Actor, now: Date, tz: string) => Promise<T>,
  by?: string,
) {
  const { config, openStore } = await deps.context();
  const who: Actor = { name: person(by, config.team, deps), address: 'local', channel: 'cli' };
  const store = await openStore();
  try {
    return await fn(store, who, deps.now?.() ?? new Date(), boardTimeZone(config));
  } catch (err) {
    if (err instanceof ActionError) throw new CliError(err.message, EX_USAGE);
    throw err;
  } finally {
    await store.close();
  }
}

const out = (deps: Deps, s: string) => (deps.write ?? ((t: string) => process.stdout.write(t)))(s);

function forMs(text: string | undefined): number | null {
  try {
    return parseFor(text);
  } catch (err) {
    throw new CliError(`--for ${(err as Error).message}`, EX_USAGE);
  }
}

export function ackCommand(deps: Deps): Command {
  return new Command('ack')
    .summary('acknowledge a problem: known, being handled (no more messages about it)')
    .description(
      'Stops the announcements of one check on one host until it recovers (then the\n' +
        'acknowledgement clears itself) or until --for runs out (then, if it is still\n' +
        'not OK, it is announced again). The state is never hidden: pages and\n' +
        '`ronde check` still show it, with the acknowledgement. Audited.',
    )
    .argument('<host>', 'the host')
    .argument('<check>', 'the check name (see `ronde check`)')
    .option('-r, --reason <text>', 'why it is known ("disk ordered, until Friday"); required')
    .option('--for <duration>', 'expire after this long (4d, 12h); default: until it recovers')
    .option('--clear', 'end the acknowledgement now', false)
    .option('--by <name>', 'the team member (default as for `ronde done`)')
    .addHelpText(
      'after',
      '\nExamples:\n  ronde ack db1 system.disk -r "disk ordered, until Friday"\n  ronde ack db1 system.disk --clear',
    )
    .action(
      async (
        host: string,
        check: string,
        o: { reason?: string; for?: string; clear: boolean; by?: string },
      ) => {
        await withStore(
          deps,
          async (store, who, now) => {
            if (o.clear) {
              await unacknowledge(store, who, { target: host, check, now });
              out(deps, `Acknowledgement of ${check} on ${host} ended.\n`);
              return;
            }
            if (!o.reason?.trim()) throw new CliError('--reason is required: say why it is known', EX_USAGE);
            const id = await acknowledge(store, who, {
              target: host,
              check,
              reason: o.reason,
              forMs: forMs(o.for),
              now,
            });
            out(
              deps,
              `Acknowledged #${id}: ${check} on ${host} (${o.for ? `for ${o.for}` : 'until it recovers'}).\n`,
            );
          },
          o.by,
        );
      },
    );
}

function spanCommand(deps: Deps, type: 'silence' | 'maintenance'): Command {
  const noun = type === 'silence' ? 'silence' : 'maintenance window';
  const cmd = new Command(type).summary(
    type === 'silence'
      ? 'silence what a selector covers for a while (add, end, list)'
      : 'maintenance windows: no message for a host during work (start, end, list)',
  );
  const start = cmd
    .command(type === 'silence' ? 'add' : 'start')
    .description(
      `open a ${noun} over a selector: host=NAME, tag=TAG, kind=KIND, check=NAME (comma-separated, all must match)`,
    )
    .argument('<selector>', 'e.g. host=web1 or tag=web,kind=apt.pending')
    .requiredOption('-r, --reason <text>', 'why')
    .requiredOption('--for <duration>', 'how long (2h, 1d)')
    .option('--by <name>', 'the team member (default as for `ronde done`)');
  if (type === 'maintenance')
    start.option('--end-when-ok', 'end early once everything it covers is OK again', false);
  start.action(async (text: string, o: { reason: string; for: string; by?: string; endWhenOk?: boolean }) => {
    const selector = parseSelector(text);
    if (typeof selector === 'string') throw new CliError(selector, EX_USAGE);
    await withStore(
      deps,
      async (store, who, now, tz) => {
        const ms = forMs(o.for);
        const id = await openSpan(store, who, {
          type,
          selector,
          reason: o.reason,
          forMs: ms,
          endWhenOk: o.endWhenOk ?? false,
          now,
        });
        out(
          deps,
          `${type === 'silence' ? 'Silence' : 'Maintenance'} #${id} on ${formatSelector(selector)} until ${dateTime(new Date(now.getTime() + (ms ?? 0)), tz)}.\n`,
        );
      },
      o.by,
    );
  });
  cmd
    .command('end')
    .description(`end a ${noun} now`)
    .argument('<id>', `the ${noun}'s number (see list)`)
    .option('--by <name>', 'the team member')
    .action(async (id: string, o: { by?: string }) => {
      await withStore(
        deps,
        async (store, who, now) => {
          await closeSpan(store, who, { type, id: id.replace(/^#/, ''), now });
          out(deps, `${type === 'silence' ? 'Silence' : 'Maintenance'} #${id.replace(/^#/, '')} ended.\n`);
        },
        o.by,
      );
    });
  cmd
    .command('list')
    .description(
      `the ${noun}s in force${type === 'maintenance' ? ' (and the recurring ones of ronde.yaml)' : ''}, then the last ended ones`,
    )
    .action(async () => {
      const { config, openStore } = await deps.context();
      const store = await openStore();
      try {
        const now = deps.now?.() ?? new Date();
        const tz = boardTimeZone(config);
        const live: Cover[] = [
          ...(await activeCovers(store.conn.db, now)).filter((c) => c.type === type),
          ...(type === 'maintenance' ? recurringCovers(config.maintenance, now, tz) : []),
        ];
        const line = (c: Cover, state: string) =>
          `#${c.id.padEnd(20)} ${state.padEnd(8)} ${formatSelector(c.selector ?? {}).padEnd(24)} until ${c.until ? dateTime(c.until, tz) : '-'}  ${c.by}: ${c.reason}\n`;
        if (live.length === 0) out(deps, `No ${noun} in force.\n`);
        for (const c of live) out(deps, line(c, 'open'));
        const ids = new Set(live.map((c) => c.id));
        for (const c of (await listSpans(store.conn.db, type, 10)).filter((x) => !ids.has(x.id)))
          out(deps, line(c, c.endedAt ? 'ended' : c.until && c.until <= now ? 'over' : 'later'));
      } finally {
        await store.close();
      }
    });
  return cmd;
}

export const silenceCommand = (deps: Deps) => spanCommand(deps, 'silence');
export const maintenanceCommand = (deps: Deps) => spanCommand(deps, 'maintenance');

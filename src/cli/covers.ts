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
import { cliLang, say } from './lang.js';

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
    if (err instanceof ActionError) throw new CliError(err.sayIn(cliLang()), EX_USAGE);
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
    throw new CliError(
      `--for ${err instanceof ActionError ? err.sayIn(cliLang()) : (err as Error).message}`,
      EX_USAGE,
    );
  }
}

export function ackCommand(deps: Deps): Command {
  return new Command('ack')
    .summary(say('cli.ack.help.summary'))
    .description(say('cli.ack.help.description'))
    .argument('<host>', say('cli.ack.help.host'))
    .argument('<check>', say('cli.ack.help.check'))
    .option('-r, --reason <text>', say('cli.ack.help.reason'))
    .option('--for <duration>', say('cli.ack.help.for'))
    .option('--clear', say('cli.ack.help.clear'), false)
    .option('--by <name>', say('cli.covers.help.by'))
    .addHelpText('after', say('cli.ack.help.examples'))
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
              out(deps, `${say('cli.ack.ended', { check, host })}\n`);
              return;
            }
            if (!o.reason?.trim()) throw new CliError(say('cli.ack.reasonRequired'), EX_USAGE);
            const id = await acknowledge(store, who, {
              target: host,
              check,
              reason: o.reason,
              forMs: forMs(o.for),
              now,
            });
            out(deps, `${say('cli.ack.done', { id: String(id), check, host, for: o.for ?? '' })}\n`);
          },
          o.by,
        );
      },
    );
}

function spanCommand(deps: Deps, type: 'silence' | 'maintenance'): Command {
  const cmd = new Command(type).summary(say(`cli.${type}.help.summary`));
  const start = cmd
    .command(type === 'silence' ? 'add' : 'start')
    .description(say(`cli.${type}.help.start`))
    .argument('<selector>', say('cli.covers.help.selector'))
    .requiredOption('-r, --reason <text>', say('cli.covers.help.reason'))
    .requiredOption('--for <duration>', say('cli.covers.help.for'))
    .option('--by <name>', say('cli.covers.help.by'));
  if (type === 'maintenance') start.option('--end-when-ok', say('cli.covers.help.endWhenOk'), false);
  start.action(async (text: string, o: { reason: string; for: string; by?: string; endWhenOk?: boolean }) => {
    const selector = parseSelector(text, cliLang());
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
        const until = dateTime(new Date(now.getTime() + (ms ?? 0)), tz);
        out(
          deps,
          `${say(`cli.${type}.opened`, { id: String(id), selector: formatSelector(selector), until })}\n`,
        );
      },
      o.by,
    );
  });
  cmd
    .command('end')
    .description(say(`cli.${type}.help.end`))
    .argument('<id>', say(`cli.${type}.help.id`))
    .option('--by <name>', say('cli.covers.help.member'))
    .action(async (id: string, o: { by?: string }) => {
      await withStore(
        deps,
        async (store, who, now) => {
          await closeSpan(store, who, { type, id: id.replace(/^#/, ''), now });
          out(deps, `${say(`cli.${type}.ended`, { id: id.replace(/^#/, '') })}\n`);
        },
        o.by,
      );
    });
  cmd
    .command('list')
    .description(say(`cli.${type}.help.list`))
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
        const line = (c: Cover, state: 'open' | 'ended' | 'over' | 'later') =>
          `#${c.id.padEnd(20)} ${say(`cli.covers.state.${state}`).padEnd(8)} ${formatSelector(c.selector ?? {}).padEnd(24)} ${say('cli.covers.until', { at: c.until ? dateTime(c.until, tz) : '-' })}  ${c.by}: ${c.reason}\n`;
        if (live.length === 0) out(deps, `${say(`cli.${type}.none`)}\n`);
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

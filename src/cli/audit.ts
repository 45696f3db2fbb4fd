import { Command } from 'commander';
import { dateTime } from '../i18n/index.js';
import { boardTimeZone } from '../routines/board.js';
import { listAudit } from '../store/audit.js';
import { say } from './lang.js';
import type { UsersDeps } from './users.js';

export function auditCommand(deps: Pick<UsersDeps, 'context' | 'write'>): Command {
  return new Command('audit')
    .summary(say('cli.audit.help.summary'))
    .description(say('cli.audit.help.description'))
    .option('-n, --limit <n>', say('cli.audit.help.limit'), '50')
    .option('--actor <name>', say('cli.audit.help.actor'))
    .option('--action <action>', say('cli.audit.help.action'))
    .option('--json', say('cli.audit.help.json'), false)
    .addHelpText('after', say('cli.audit.help.examples'))
    .action(async (o: { limit: string; actor?: string; action?: string; json: boolean }) => {
      const { config, openStore } = await deps.context();
      const store = await openStore();
      const write = deps.write ?? ((s: string) => process.stdout.write(s));
      try {
        const entries = await listAudit(store.conn.db, {
          limit: Math.max(1, Number(o.limit) || 50),
          ...(o.actor ? { actor: o.actor } : {}),
          ...(o.action ? { action: o.action } : {}),
        });
        if (o.json) {
          write(`${JSON.stringify({ version: 1, entries }, null, 2)}\n`);
          return;
        }
        if (entries.length === 0) write(`${say('cli.audit.empty')}\n`);
        const tz = boardTimeZone(config);
        for (const e of entries) {
          const detail = Object.keys(e.detail).length > 0 ? ` ${JSON.stringify(e.detail)}` : '';
          write(
            `${dateTime(e.at, tz)}  ${e.actor}  ${e.action}  ${e.subject}  (${e.channel} ${e.address})${detail}\n`,
          );
        }
      } finally {
        await store.close();
      }
    });
}

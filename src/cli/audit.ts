import { Command } from 'commander';
import { dateTime } from '../i18n/index.js';
import { boardTimeZone } from '../routines/board.js';
import { listAudit } from '../store/audit.js';
import type { UsersDeps } from './users.js';

export function auditCommand(deps: Pick<UsersDeps, 'context' | 'write'>): Command {
  return new Command('audit')
    .summary('who did what, when, from where: sign-offs, acknowledgements, logins, user changes')
    .description(
      'The append-only audit log, newest first: every sign-off, acknowledgement,\n' +
        'silence, maintenance window, login, failed login and user change, from the\n' +
        'page, the API, the chat or the command line, with the address it came from.',
    )
    .option('-n, --limit <n>', 'how many entries', '50')
    .option('--actor <name>', 'only this user, member or Unix account')
    .option('--action <action>', 'only this action (signoff, ack, login.failed, user.add…)')
    .option('--json', 'print a JSON document { version, entries }', false)
    .addHelpText('after', '\nExamples:\n  ronde audit\n  ronde audit --action login.failed -n 20')
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
        if (entries.length === 0) write('The audit log is empty.\n');
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

import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../auth/passwords.js';
import { isRole, ROLES, type Role } from '../auth/roles.js';
import { addUser, listUsers, removeUser, setPassword, setRole, UserError } from '../auth/users.js';
import type { Config } from '../config/schema.js';
import { appendAudit } from '../store/audit.js';
import type { Store } from '../store/types.js';
import { CliError, EX_USAGE } from './errors.js';
import { cliLang, say } from './lang.js';

export interface UsersDeps {
  context(): Promise<{ config: Config; openStore(): Promise<Store> }>;
  now?(): Date;
  write?(text: string): void;
  /** Reads the new password (default: a silent prompt on a terminal, else a line of stdin). */
  readPassword?(prompt: string): Promise<string>;
  osUser?(): string;
}

export function usersCommand(deps: UsersDeps): Command {
  const cmd = new Command('users')
    .summary(say('cli.users.help.summary'))
    .description(say('cli.users.help.description'))
    .addHelpText('after', say('cli.users.help.examples'));
  const write = (s: string) => (deps.write ?? ((t: string) => process.stdout.write(t)))(s);

  cmd
    .command('add')
    .description(say('cli.users.help.add'))
    .argument('<name>', say('cli.users.help.name'))
    .option('--role <role>', say('cli.users.help.role', { roles: ROLES.join(', ') }), 'viewer')
    .action(async (name: string, opts: { role: string }) => {
      // The configuration first: its language is the one of the prompt and the errors.
      await deps.context();
      const role = roleOf(opts.role);
      const password = await newPassword(deps);
      const done = await change(deps, 'user.add', name, { role }, (trx, now) =>
        addUser(trx, { name, role, password, now }),
      );
      const { config } = await deps.context();
      const member = config.team.some((m) => m.name === name || m.mattermost === name);
      write(
        `${say('cli.users.added', { name: done.name, role })}\n` +
          (config.team.length > 0 && !member ? `${say('cli.users.notMember', { name })}\n` : ''),
      );
    });

  cmd
    .command('passwd')
    .description(say('cli.users.help.passwd'))
    .argument('<name>', say('cli.users.help.user'))
    .action(async (name: string) => {
      await deps.context();
      const password = await newPassword(deps);
      await change(deps, 'user.passwd', name, {}, (trx, now) => setPassword(trx, name, password, now));
      write(`${say('cli.users.passwd', { name })}\n`);
    });

  cmd
    .command('role')
    .description(say('cli.users.help.setRole'))
    .argument('<name>', say('cli.users.help.user'))
    .argument('<role>', ROLES.join(' | '))
    .action(async (name: string, role: string) => {
      await deps.context();
      const r = roleOf(role);
      await change(deps, 'user.role', name, { role: r }, (trx) => setRole(trx, name, r));
      write(`${say('cli.users.role', { name, role: r })}\n`);
    });

  cmd
    .command('remove')
    .description(say('cli.users.help.remove'))
    .argument('<name>', say('cli.users.help.user'))
    .action(async (name: string) => {
      await change(deps, 'user.remove', name, {}, (trx) => removeUser(trx, name));
      write(`${say('cli.users.removed', { name })}\n`);
    });

  cmd
    .command('list')
    .description(say('cli.users.help.list'))
    .option('--json', say('cli.users.help.json'), false)
    .action(async (opts: { json: boolean }) => {
      const users = await withStore(deps, (s) => listUsers(s.conn.db));
      if (opts.json) {
        write(`${JSON.stringify({ version: 1, users }, null, 2)}\n`);
        return;
      }
      if (users.length === 0) write(`${say('cli.users.none')}\n`);
      for (const u of users) write(`${u.name.padEnd(20)} ${u.role.padEnd(9)} ${u.source}\n`);
    });
  return cmd;
}

function roleOf(s: string): Role {
  if (!isRole(s))
    throw new CliError(say('cli.users.badRole', { role: s, roles: ROLES.join(', ') }), EX_USAGE);
  return s;
}

async function withStore<T>(deps: UsersDeps, fn: (s: Store) => Promise<T>): Promise<T> {
  const store = await (await deps.context()).openStore();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Runs one change and its audit entry in one transaction; a UserError becomes a usage error. */
async function change<T>(
  deps: UsersDeps,
  action: string,
  subject: string,
  detail: Record<string, unknown>,
  fn: (trx: Store['conn']['db'], now: Date) => Promise<T>,
): Promise<T> {
  const now = deps.now?.() ?? new Date();
  const actor = deps.osUser?.() ?? osUser();
  try {
    return await withStore(deps, (s) =>
      s.conn.write(async (trx) => {
        const out = await fn(trx, now);
        await appendAudit(trx, { at: now, actor, action, subject, detail, address: 'local', channel: 'cli' });
        return out;
      }),
    );
  } catch (err) {
    if (err instanceof UserError) throw new CliError(err.sayIn(cliLang()), EX_USAGE);
    throw err;
  }
}

async function newPassword(deps: UsersDeps): Promise<string> {
  const read = deps.readPassword ?? readPassword;
  const first = await read(say('cli.users.prompt'));
  // One rule today, its length: said in the CLI's language.
  if (passwordProblem(first))
    throw new CliError(say('cli.users.tooShort', { n: MIN_PASSWORD_LENGTH }), EX_USAGE);
  if (process.stdin.isTTY && !deps.readPassword) {
    const again = await read(say('cli.users.again'));
    if (again !== first) throw new CliError(say('cli.users.differ'), EX_USAGE);
  }
  return first;
}

/** A silent prompt on a terminal; otherwise the first line of stdin. */
function readPassword(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const tty = process.stdin.isTTY === true;
    const rl = createInterface({
      input: process.stdin,
      output: tty ? process.stderr : undefined,
      terminal: tty,
    });
    if (tty) {
      process.stderr.write(prompt);
      // Echo nothing of what is typed.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    }
    let got = false;
    rl.once('line', (line) => {
      got = true;
      if (tty) process.stderr.write('\n');
      rl.close();
      resolve(line);
    });
    rl.once('close', () => {
      if (!got) reject(new CliError(say('cli.users.noPassword'), EX_USAGE));
    });
  });
}

function osUser(): string {
  try {
    const name = userInfo().username;
    const sudo = process.env.SUDO_USER;
    return sudo && sudo !== name ? `${name} (sudo from ${sudo})` : name;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

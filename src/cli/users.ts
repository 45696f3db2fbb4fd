import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { passwordProblem } from '../auth/passwords.js';
import { isRole, ROLES, type Role } from '../auth/roles.js';
import { addUser, listUsers, removeUser, setPassword, setRole, UserError } from '../auth/users.js';
import type { Config } from '../config/schema.js';
import { appendAudit } from '../store/audit.js';
import type { Store } from '../store/types.js';
import { CliError, EX_USAGE } from './errors.js';

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
    .summary('who may log in to the team’s page: add, passwd, remove, role, list')
    .description(
      'Local accounts of the page and the API served by `ronde serve` (docs/web.md).\n' +
        'Roles: viewer (reads), operator (signs off, acknowledges, silences, opens\n' +
        'maintenance), admin (also manages users). A password is asked twice on a\n' +
        'terminal, or read as one line from stdin (for scripts). Changing a password or\n' +
        'removing a user ends their sessions at once. Every change is in `ronde audit`.',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  ronde users add alice --role admin\n  ronde users passwd alice\n' +
        '  printf "%s\\n" "$PW" | ronde users add bot --role viewer\n  ronde users remove bob',
    );
  const write = (s: string) => (deps.write ?? ((t: string) => process.stdout.write(t)))(s);

  cmd
    .command('add')
    .description('create a local user (asks the password)')
    .argument('<name>', 'login name: letters, digits, ".", "_" or "-"')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'viewer')
    .action(async (name: string, opts: { role: string }) => {
      const role = roleOf(opts.role);
      const password = await newPassword(deps);
      const done = await change(deps, 'user.add', name, { role }, (trx, now) =>
        addUser(trx, { name, role, password, now }),
      );
      const { config } = await deps.context();
      const member = config.team.some((m) => m.name === name || m.mattermost === name);
      write(
        `User ${done.name} added (${role}). Log in at the address of \`ronde serve\`.\n` +
          (config.team.length > 0 && !member
            ? `Note: "${name}" is not a member of team:, so signing off from the page will be refused.\n`
            : ''),
      );
    });

  cmd
    .command('passwd')
    .description('set a new password (ends the user’s sessions)')
    .argument('<name>', 'the user')
    .action(async (name: string) => {
      const password = await newPassword(deps);
      await change(deps, 'user.passwd', name, {}, (trx, now) => setPassword(trx, name, password, now));
      write(`Password of ${name} changed; their sessions are ended.\n`);
    });

  cmd
    .command('role')
    .description('change a user’s role (takes effect at their next request)')
    .argument('<name>', 'the user')
    .argument('<role>', ROLES.join(' | '))
    .action(async (name: string, role: string) => {
      const r = roleOf(role);
      await change(deps, 'user.role', name, { role: r }, (trx) => setRole(trx, name, r));
      write(`${name} is now ${r}.\n`);
    });

  cmd
    .command('remove')
    .description('delete a user and end their sessions (the audit log keeps what they did)')
    .argument('<name>', 'the user')
    .action(async (name: string) => {
      await change(deps, 'user.remove', name, {}, (trx) => removeUser(trx, name));
      write(`User ${name} removed.\n`);
    });

  cmd
    .command('list')
    .description('list the users and their roles')
    .option('--json', 'print a JSON document { version, users }', false)
    .action(async (opts: { json: boolean }) => {
      const users = await withStore(deps, (s) => listUsers(s.conn.db));
      if (opts.json) {
        write(`${JSON.stringify({ version: 1, users }, null, 2)}\n`);
        return;
      }
      if (users.length === 0) write('No user yet: `ronde users add NAME --role admin`.\n');
      for (const u of users) write(`${u.name.padEnd(20)} ${u.role.padEnd(9)} ${u.source}\n`);
    });
  return cmd;
}

function roleOf(s: string): Role {
  if (!isRole(s)) throw new CliError(`--role ${s}: expected one of ${ROLES.join(', ')}`, EX_USAGE);
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
    if (err instanceof UserError) throw new CliError(err.message, EX_USAGE);
    throw err;
  }
}

async function newPassword(deps: UsersDeps): Promise<string> {
  const read = deps.readPassword ?? readPassword;
  const first = await read('New password: ');
  const problem = passwordProblem(first);
  if (problem) throw new CliError(problem, EX_USAGE);
  if (process.stdin.isTTY && !deps.readPassword) {
    const again = await read('Again: ');
    if (again !== first) throw new CliError('the two passwords differ', EX_USAGE);
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
      if (!got) reject(new CliError('no password given on stdin', EX_USAGE));
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

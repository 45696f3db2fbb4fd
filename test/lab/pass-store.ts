import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A real password store made in the test: its own GNUPGHOME with keys
 * generated here (no passphrase, `%no-protection`), `pass init` for them,
 * `pass git init`, entries inserted with `pass insert` (backdatable through
 * GIT_AUTHOR_DATE / GIT_COMMITTER_DATE). Nothing of the user's ~/.gnupg or
 * ~/.password-store is read or changed; `stop()` ends the gpg-agent it
 * started and removes the temp dir.
 */
export const INSTALL_HINT = 'apt-get install -y pass gnupg git';

export interface LabKey {
  name: string;
  email: string;
  fingerprint: string;
}

export interface PassStore {
  /** The store (PASSWORD_STORE_DIR). */
  dir: string;
  gnupgHome: string;
  /** process.env plus GNUPGHOME, PASSWORD_STORE_DIR and a git identity: give it to pass, gpg and ronde. */
  env: NodeJS.ProcessEnv;
  /** A key made here, valid two years, usable to encrypt. */
  addKey(name: string, email: string): LabKey;
  /** A key made "on 2020-01-01" with a one-day lifetime: expired since 2020-01-02. */
  addExpiredKey(name: string, email: string): LabKey;
  /** `pass init` of the store (or of a sub-folder) for these keys: writes and commits `.gpg-id`. */
  init(keys: readonly LabKey[], folder?: string): void;
  /** Adds a fingerprint to a folder's `.gpg-id` by hand (pass refuses to encrypt to an expired key) and commits. */
  appendRecipient(folder: string, key: LabKey): void;
  /** `pass insert -m path`, committed by pass; `date` backdates the commit. */
  insert(path: string, content: string, date?: Date): void;
  pass(...args: string[]): string;
  gpg(...args: string[]): string;
  git(...args: string[]): string;
  stop(): void;
}

export function requirePass(): void {
  for (const bin of ['/usr/bin/pass', '/usr/bin/gpg', '/usr/bin/git', '/usr/bin/gpgconf'])
    if (!existsSync(bin))
      throw new Error(`${bin} is missing: the password-store tests need it. Run: ${INSTALL_HINT}`);
}

export function makePassStore(): PassStore {
  requirePass();
  const root = mkdtempSync(join(tmpdir(), 'ronde-pass-'));
  const gnupgHome = join(root, 'gnupg');
  const dir = join(root, 'store');
  mkdirSync(gnupgHome, { mode: 0o700 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GNUPGHOME: gnupgHome,
    PASSWORD_STORE_DIR: dir,
    GIT_AUTHOR_NAME: 'Lab Admin',
    GIT_AUTHOR_EMAIL: 'admin@lab.test',
    GIT_COMMITTER_NAME: 'Lab Admin',
    GIT_COMMITTER_EMAIL: 'admin@lab.test',
    // The user's git config (signing, hooks) must not change the lab's commits.
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const run = (bin: string, args: string[], extra: NodeJS.ProcessEnv = {}, input?: string) => {
    try {
      return execFileSync(bin, args, {
        env: { ...env, ...extra },
        input,
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'pipe'],
        timeout: 60_000,
      });
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      throw new Error(`${bin} ${args.join(' ')} failed: ${err.stderr?.trim() || err.message}`);
    }
  };
  const gpg = (...args: string[]) => run('gpg', ['--batch', ...args]);
  const git = (...args: string[]) => run('git', ['-C', dir, ...args]);
  const pass = (...args: string[]) => run('pass', args);

  const genKey = (name: string, email: string, expire: string, faked?: string): LabKey => {
    const params = [
      '%no-protection',
      'Key-Type: eddsa',
      'Key-Curve: ed25519',
      'Key-Usage: sign',
      'Subkey-Type: ecdh',
      'Subkey-Curve: cv25519',
      'Subkey-Usage: encrypt',
      `Name-Real: ${name}`,
      `Name-Email: ${email}`,
      `Expire-Date: ${expire}`,
      '%commit',
      '',
    ].join('\n');
    const fake = faked ? ['--faked-system-time', faked] : [];
    run('gpg', ['--batch', ...fake, '--gen-key'], {}, params);
    const colons = gpg('--with-colons', '--list-keys', `<${email}>`);
    const fpr = colons.split('\n').find((l) => l.startsWith('fpr:'));
    if (!fpr) throw new Error(`no fingerprint for ${email}: ${colons}`);
    return { name, email, fingerprint: fpr.split(':')[9]! };
  };

  return {
    dir,
    gnupgHome,
    env,
    addKey: (name, email) => genKey(name, email, '2y'),
    // The '!' freezes the faked clock, so the key is dated exactly then.
    addExpiredKey: (name, email) => genKey(name, email, '1d', '20200101T000000!'),
    init(keys, folder) {
      const sub = folder ? ['-p', folder] : [];
      pass('init', ...sub, ...keys.map((k) => k.fingerprint));
      if (!existsSync(join(dir, '.git'))) pass('git', 'init');
    },
    appendRecipient(folder, key) {
      const file = join(dir, folder, '.gpg-id');
      mkdirSync(dirname(file), { recursive: true });
      appendFileSync(file, `${key.fingerprint}\n`);
      git('add', '--', join(folder, '.gpg-id'));
      git('commit', '-q', '-m', `Add ${key.email} to ${folder}`);
    },
    insert(path, content, date) {
      const when = date
        ? { GIT_AUTHOR_DATE: date.toISOString(), GIT_COMMITTER_DATE: date.toISOString() }
        : {};
      run('pass', ['insert', '-m', '-f', path], when, content);
    },
    pass,
    gpg,
    git,
    stop() {
      try {
        run('gpgconf', ['--kill', 'all']);
      } catch {
        // No agent was started: nothing to end.
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

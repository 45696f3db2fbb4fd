import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { matchPattern, matchPatternList } from './patterns.js';

/**
 * The part of OpenSSH's client config (`~/.ssh/config`) that says how to reach
 * a host. Read like `ssh` does: `Host` and `Match` blocks, first value wins
 * (IdentityFile accumulates), `Include` with globs, quoted arguments,
 * `Keyword=value`. Never runs anything: `Match exec` never matches.
 */
type Cond = { kind: 'host'; patterns: string[] } | { kind: 'match'; criteria: string[] };

export interface SshConfigDirective {
  keyword: string;
  args: string[];
  conds: Cond[];
  file: string;
  line: number;
}

export interface SshConfigResult {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  identitiesOnly?: boolean;
  identityAgent?: string;
  proxyJump?: string;
  hostKeyAlias?: string;
  userKnownHostsFiles?: string[];
  connectTimeoutSec?: number;
  serverAliveIntervalSec?: number;
  serverAliveCountMax?: number;
  /** Directives we saw but cannot honour (ProxyCommand, Match exec): said, not silently ignored. */
  warnings: string[];
}

export interface SshConfigContext {
  home: string;
  localUser: string;
}

const MAX_INCLUDE_DEPTH = 16;

export function parseSshConfig(text: string, file: string, ctx: SshConfigContext): SshConfigDirective[] {
  return parseInto(text, file, ctx, [], 0);
}

export function loadSshConfig(file: string, ctx: SshConfigContext): SshConfigDirective[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return parseSshConfig(text, file, ctx);
}

function parseInto(
  text: string,
  file: string,
  ctx: SshConfigContext,
  outer: Cond[],
  depth: number,
): SshConfigDirective[] {
  const out: SshConfigDirective[] = [];
  let conds = outer;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^([A-Za-z][A-Za-z0-9]*)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!m) return;
    const keyword = m[1]!.toLowerCase();
    const args = tokenize(m[2]!);
    if (keyword === 'host') {
      conds = [...outer, { kind: 'host', patterns: args }];
    } else if (keyword === 'match') {
      conds = [...outer, { kind: 'match', criteria: args }];
    } else if (keyword === 'include') {
      if (depth >= MAX_INCLUDE_DEPTH) return;
      for (const pattern of args) {
        for (const inc of expandInclude(pattern, file, ctx)) {
          let incText: string;
          try {
            incText = readFileSync(inc, 'utf8');
          } catch {
            continue;
          }
          out.push(...parseInto(incText, inc, ctx, conds, depth + 1));
        }
      }
    } else {
      out.push({ keyword, args, conds, file, line: i + 1 });
    }
  });
  return out;
}

/** Words, with `"…"` grouping; a trailing `#` comment ends the line. */
function tokenize(s: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(#.*$)|(\S+)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[2] !== undefined) break;
    out.push(m[1] ?? m[3]!);
  }
  return out;
}

/** Relative includes are under ~/.ssh, as for the user's config; `*`/`?` globs in the file name only. */
function expandInclude(pattern: string, from: string, ctx: SshConfigContext): string[] {
  let p = expandTilde(pattern, ctx.home);
  if (!isAbsolute(p)) p = join(ctx.home, '.ssh', p);
  const base = basename(p);
  if (!/[*?]/.test(base)) return [p];
  try {
    return readdirSync(dirname(p))
      .filter((f) => matchPattern(base, f) && !f.startsWith('.'))
      .sort()
      .map((f) => join(dirname(p), f))
      .filter((f) => f !== from);
  } catch {
    return [];
  }
}

export function expandTilde(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? join(home, p.slice(2)) : p;
}

/**
 * What ssh_config says for `ssh [user@]host`: `host` is the name as typed
 * (the inventory's address), `user` a user already chosen elsewhere (it
 * feeds `Match user` and `%r`).
 */
export function resolveSshConfig(
  directives: readonly SshConfigDirective[],
  host: string,
  ctx: SshConfigContext,
  user?: string,
): SshConfigResult {
  const r: SshConfigResult = { identityFiles: [], warnings: [] };
  const first = <K extends keyof SshConfigResult>(k: K, v: SshConfigResult[K]) => {
    if (r[k] === undefined) r[k] = v;
  };
  const rawIdentities: string[] = [];
  for (const d of directives) {
    if (!d.conds.every((c) => condMatches(c, host, r, ctx, user))) continue;
    const a = d.args[0];
    if (a === undefined) continue;
    switch (d.keyword) {
      case 'hostname':
        first('hostName', a.replaceAll('%h', host).replaceAll('%%', '%'));
        break;
      case 'user':
        first('user', a);
        break;
      case 'port':
        if (/^\d+$/.test(a) && Number(a) > 0 && Number(a) < 65536) first('port', Number(a));
        break;
      case 'identityfile':
        if (a.toLowerCase() !== 'none') rawIdentities.push(a);
        break;
      case 'identitiesonly':
        first('identitiesOnly', a.toLowerCase() === 'yes');
        break;
      case 'identityagent':
        first('identityAgent', a);
        break;
      case 'proxyjump':
        first('proxyJump', a);
        break;
      case 'hostkeyalias':
        first('hostKeyAlias', a);
        break;
      case 'userknownhostsfile':
        first('userKnownHostsFiles', d.args);
        break;
      case 'connecttimeout':
        if (/^\d+$/.test(a)) first('connectTimeoutSec', Number(a));
        break;
      case 'serveraliveinterval':
        if (/^\d+$/.test(a)) first('serverAliveIntervalSec', Number(a));
        break;
      case 'serveralivecountmax':
        if (/^\d+$/.test(a)) first('serverAliveCountMax', Number(a));
        break;
      case 'proxycommand':
        if (a.toLowerCase() !== 'none' && r.proxyJump === undefined)
          r.warnings.push(`${d.file}:${d.line}: ProxyCommand is not supported by ronde, use ProxyJump`);
        break;
    }
  }
  const finalHost = r.hostName ?? host;
  const port = r.port ?? 22;
  const remoteUser = user ?? r.user ?? ctx.localUser;
  r.identityFiles = rawIdentities.map((f) =>
    expandTilde(
      expandTokens(f, {
        h: finalHost,
        n: host,
        p: String(port),
        r: remoteUser,
        u: ctx.localUser,
        d: ctx.home,
      }),
      ctx.home,
    ),
  );
  if (r.identityAgent) {
    r.identityAgent = expandTilde(
      expandTokens(r.identityAgent, { h: finalHost, n: host, r: remoteUser, u: ctx.localUser, d: ctx.home }),
      ctx.home,
    );
  }
  return r;
}

function expandTokens(s: string, tokens: Record<string, string>): string {
  return s.replace(/%(.)/g, (all, c: string) => (c === '%' ? '%' : (tokens[c] ?? all)));
}

function condMatches(
  c: Cond,
  host: string,
  r: SshConfigResult,
  ctx: SshConfigContext,
  user: string | undefined,
): boolean {
  if (c.kind === 'host') return matchPatternList(c.patterns, host);
  const crit = c.criteria;
  for (let i = 0; i < crit.length; i++) {
    let word = crit[i]!.toLowerCase();
    const negate = word.startsWith('!');
    if (negate) word = word.slice(1);
    let ok: boolean;
    if (word === 'all' || word === 'final') ok = true;
    else if (word === 'canonical') ok = false;
    else {
      const arg = crit[++i] ?? '';
      const list = arg.split(',');
      if (word === 'host') ok = matchPatternList(list, r.hostName ?? host);
      else if (word === 'originalhost') ok = matchPatternList(list, host);
      else if (word === 'user') ok = matchPatternList(list, user ?? r.user ?? ctx.localUser);
      else if (word === 'localuser') ok = matchPatternList(list, ctx.localUser);
      else {
        // `exec` and unknown criteria: we never run commands from the config, so the block does not apply.
        if (!r.warnings.some((w) => w.includes(`Match ${word}`)))
          r.warnings.push(`Match ${word} is not supported by ronde; that block is ignored`);
        return false;
      }
    }
    if (ok === negate) return false;
  }
  return true;
}

export interface JumpSpec {
  user?: string;
  host: string;
  port?: number;
}

/** `[user@]host[:port]` and `ssh://[user@]host[:port]`, comma-separated; IPv6 in brackets. `none` → []. */
export function parseProxyJump(value: string): JumpSpec[] {
  if (value.trim().toLowerCase() === 'none') return [];
  return value.split(',').map((raw) => {
    let s = raw.trim().replace(/^ssh:\/\//, '');
    let user: string | undefined;
    const at = s.lastIndexOf('@');
    if (at >= 0) {
      user = s.slice(0, at);
      s = s.slice(at + 1);
    }
    let host = s;
    let port: number | undefined;
    const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
    const hp = /^([^:]+):(\d+)$/.exec(s);
    if (v6) {
      host = v6[1]!;
      port = v6[2] ? Number(v6[2]) : undefined;
    } else if (hp) {
      host = hp[1]!;
      port = Number(hp[2]);
    }
    if (!host) throw new Error(`bad ProxyJump ${JSON.stringify(raw)}`);
    return { host, ...(user ? { user } : {}), ...(port ? { port } : {}) };
  });
}

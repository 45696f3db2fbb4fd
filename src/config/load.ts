import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import { type Document, isMap, LineCounter, parseDocument } from 'yaml';
import { upgradeIssues } from '../actions/upgrade/schema.js';
import type { Registry } from '../core/registry.js';
import { isLang, type Lang, localeLang, t } from '../i18n/index.js';
import { routeIssues } from '../notify/schema.js';
import { releaseNotifyIssues } from '../releases/schema.js';
import { routineTeamIssues } from '../routines/schema.js';
import { ConfigError, type ConfigProblem, formatPath, locate } from './locate.js';
import { linkProblem, localHostName, type NameBook } from './names.js';
import { toNotifySettings } from './notify-settings.js';
import type { CheckInstanceConfig, Config, HostConfig, RawConfig, RawSsh, SshSettings } from './schema.js';
import { type Issue, schemaIssues, semanticIssues } from './validate.js';
import { aliasProblems, duplicateKeys, MAX_ALIAS_VALUES, MAX_FLOW_DEPTH, tooDeep } from './yaml-guards.js';

export { ConfigError, type ConfigProblem } from './locate.js';
export type { CheckInstanceConfig, Config, HostConfig, SshSettings } from './schema.js';

export const SYSTEM_CONFIG = '/etc/ronde/ronde.yaml';

export interface LoadOptions {
  /** `--config`: must exist. */
  path?: string;
  /** `$RONDE_CONFIG` is read from here (default process.env). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  registry: Registry;
  /** The system-wide file (default /etc/ronde/ronde.yaml); tests point it elsewhere. */
  systemPath?: string;
}

/** `path: null` is zero-config: no file was found; no hosts, no checks configured. */
export interface LoadedConfig {
  path: string | null;
  config: Config;
}

/**
 * Finds and loads ronde.yaml: `--config`, then `$RONDE_CONFIG` (both must
 * exist), then `./ronde.yaml`, then `/etc/ronde/ronde.yaml`; none is zero-config.
 * Throws ConfigError listing every problem at once.
 */
export async function loadConfig(opts: LoadOptions): Promise<LoadedConfig> {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const explicit = opts.path ?? (env.RONDE_CONFIG || undefined);
  const candidates = explicit ? [explicit] : ['ronde.yaml', opts.systemPath ?? SYSTEM_CONFIG];
  for (const candidate of candidates) {
    const abs = resolve(cwd, candidate);
    const file = displayName(cwd, abs);
    let text: string;
    try {
      text = await readFile(abs, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (!explicit && code === 'ENOENT') continue;
      const lang = localeLang(env);
      const message = t(lang, 'config.cannotReadFile', { error: String(code ?? err) });
      throw new ConfigError([{ file, line: 0, col: 0, path: '', message }], lang);
    }
    return { path: abs, config: parseConfig(text, file, opts.registry, env) };
  }
  return { path: null, config: parseConfig('', '(zero-config)', opts.registry, env) };
}

function displayName(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/** Parses and validates the text of a ronde.yaml; `file` is the name used in problems. */
export function parseConfig(text: string, file: string, registry: Registry, env = process.env): Config {
  const lineCounter = new LineCounter();
  const deep = tooDeep(text);
  if (deep !== undefined) {
    const before = text.slice(0, deep);
    const line = before.split('\n').length;
    const col = deep - before.lastIndexOf('\n');
    const lang = localeLang(env);
    const message = t(lang, 'config.tooDeep', { max: MAX_FLOW_DEPTH });
    throw new ConfigError([{ file, line, col, path: '', message }], lang);
  }
  // uniqueKeys: ours is linear (duplicateKeys), the library's is n².
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const lang = fileLang(doc) ?? localeLang(env);
  const problems: ConfigProblem[] = [];
  const at = (offset: number, message: string): ConfigProblem => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, col: pos.col, path: '', message };
  };
  for (const err of doc.errors) problems.push(at(err.pos[0], err.message.split('\n')[0]!));
  for (const offset of duplicateKeys(doc)) problems.push(at(offset, t(lang, 'config.duplicateKey')));
  // Aliases are checked before they are expanded: a hostile file is a problem, not a crash.
  const aliases = aliasProblems(doc);
  if (aliases.length > 0)
    throw new ConfigError([...problems, ...aliases.map((a) => at(a.offset, a.message))], lang);
  // YAML recovers from most syntax errors: validate what it understood too, to report all at once.
  let data: unknown;
  try {
    // The library's own alias guard stays as a second line, as wide as ours.
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_VALUES }) ?? {};
  } catch (err) {
    throw new ConfigError(
      [...problems, at(0, t(lang, 'config.cannotReadYaml', { error: (err as Error).message }))],
      lang,
    );
  }

  const structural = schemaIssues(data, lang);
  // Sorted once, searched per issue: a file with many problems stays linear-ish (n log n), not n².
  const yamlErrorLines = problems.map((p) => p.line).sort((a, b) => a - b);
  const overlapsYamlError = ([start, end]: [number, number]) => {
    const first = lineCounter.linePos(start).line;
    const i = firstAtLeast(yamlErrorLines, first);
    return i < yamlErrorLines.length && yamlErrorLines[i]! <= lineCounter.linePos(end).line;
  };
  const crossSection: Issue[] = structural.data
    ? [
        ...routineTeamIssues(structural.data.routines, structural.data.team, lang),
        ...routeIssues(structural.data.routes, structural.data.notifiers, lang),
        ...upgradeIssues(
          structural.data.upgrade,
          {
            hosts: structural.data.hosts.map((h) => h.name),
            routines: structural.data.routines.map((r) => r.id),
            windows: structural.data.maintenance.map((w) => w.name),
          },
          lang,
        ),
        ...releaseNotifyIssues(structural.data.releases, structural.data.notifiers, lang),
        ...routineLinkIssues(structural.data, registry, lang),
      ]
    : [];
  for (const issue of [...structural.issues, ...semanticIssues(data, registry, lang), ...crossSection]) {
    const where = locate(doc, lineCounter, issue.path, issue.unknownKey);
    // A problem inside a part YAML could not parse is most likely a consequence of that error.
    if (overlapsYamlError(where.range)) continue;
    const path = formatPath(issue.unknownKey === undefined ? issue.path : [...issue.path, issue.unknownKey]);
    problems.push({ file, line: where.line, col: where.col, path, message: issue.message });
  }

  if (problems.length > 0 || !structural.data) throw new ConfigError(problems, lang);
  return buildConfig(structural.data, registry, env);
}

/**
 * Every routine `checks:` link names a configured check, on a host it runs on:
 * a typo would otherwise show "no result yet" forever and a `done_when:
 * checks_ok` routine would never complete.
 */
function routineLinkIssues(raw: RawConfig, registry: Registry, lang: Lang): Issue[] {
  // Unknown kinds are reported by semanticIssues; links to them would only repeat it.
  const entries = (raw.checks ?? []).filter((c) => registry.get(c.kind));
  const book: NameBook = {
    hosts: raw.hosts.length
      ? raw.hosts.map((h) => ({ name: h.name, tags: h.tags ?? [] }))
      : [{ name: localHostName(), tags: [] }],
    checks: raw.checks
      ? entries.map((c) => ({
          name: c.name ?? c.kind,
          kind: c.kind,
          on: c.on === undefined ? ['all'] : typeof c.on === 'string' ? [c.on] : c.on,
        }))
      : zeroConfigKinds(registry).map((k) => ({ name: k.id, kind: k.id, on: ['all'] })),
  };
  const kinds = registry.ids();
  const out: Issue[] = [];
  raw.routines.forEach((r, i) => {
    r.checks.forEach((link, j) => {
      const message = linkProblem(book, link, kinds, lang);
      if (message) out.push({ path: ['routines', i, 'checks', j], message });
    });
  });
  return out;
}

/**
 * The language problems are said in: the file's own `language:` when YAML
 * read that far (a team that wrote `language: fr` reads French even under
 * LANG=C), else undefined (the caller takes the locale's).
 */
function fileLang(doc: Document): Lang | undefined {
  const v = isMap(doc.contents) ? doc.get('language') : undefined;
  return isLang(v) ? v : undefined;
}

/** Index of the first element of sorted `xs` that is ≥ `v` (xs.length when none). */
function firstAtLeast(xs: readonly number[], v: number): number {
  let [lo, hi] = [0, xs.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function buildConfig(raw: RawConfig, registry: Registry, env: NodeJS.ProcessEnv): Config {
  const home = env.HOME ?? homedir();
  const expand = (p: string | undefined) => (p?.startsWith('~/') ? `${home}${p.slice(1)}` : p);
  const mergeSsh = (base: RawSsh, over: RawSsh = {}): SshSettings => {
    const m = { ...base, ...over };
    // Unset stays unset: the user's ~/.ssh/config (Port, User, IdentityFile…) fills it later.
    const out: SshSettings = {};
    if (m.port !== undefined) out.port = m.port;
    if (m.agent !== undefined) out.agent = m.agent;
    if (m.user) out.user = m.user;
    if (m.identity) out.identity = expand(m.identity);
    if (m.known_hosts) out.knownHosts = expand(m.known_hosts);
    if (m.jump) out.jump = m.jump;
    if (m.connect_timeout !== undefined) out.connectTimeoutSec = m.connect_timeout;
    return out;
  };
  const d = raw.defaults;
  const config: Config = {
    language: raw.language ?? localeLang(env),
    defaults: {
      interval: d.interval,
      timeout: d.timeout,
      concurrency: d.concurrency,
      ssh: mergeSsh(d.ssh),
      sudo: d.sudo,
    },
    hosts: raw.hosts.map((h) => ({
      name: h.name,
      address: h.address ?? h.name,
      local: h.local ?? false,
      tags: h.tags ?? [],
      ssh: mergeSsh(d.ssh, h.ssh),
      sudo: h.sudo ?? d.sudo,
    })),
    team: raw.team,
    routines: raw.routines,
    notifiers: raw.notifiers,
    routes: raw.routes,
    releases: raw.releases,
    maintenance: raw.maintenance,
    notify: toNotifySettings(raw.notify),
    web: raw.web,
  };
  if (raw.heartbeat) config.heartbeat = { ...raw.heartbeat };
  if (raw.upgrade) config.upgrade = raw.upgrade;
  if (raw.timezone) config.timezone = raw.timezone;
  if (raw.database) config.database = { ...raw.database };
  if (raw.checks) {
    config.checks = raw.checks.map((c) => {
      const kind = registry.get(c.kind)!; // semanticIssues refused unknown kinds
      const inst: CheckInstanceConfig = {
        kind: c.kind,
        name: c.name ?? c.kind,
        on: c.on === undefined ? ['all'] : typeof c.on === 'string' ? [c.on] : c.on,
        options: kind.options.parse(c.options ?? {}),
        interval: c.interval ?? kind.intervalSec ?? d.interval,
        timeout: c.timeout ?? kind.timeoutSec ?? d.timeout,
      };
      if (c.sudo !== undefined) inst.sudo = c.sudo;
      return inst;
    });
  }
  return config;
}

/** The hosts to check: the inventory, or the machine ronde runs on when it is empty. */
export function effectiveHosts(config: Config): HostConfig[] {
  if (config.hosts.length > 0) return config.hosts;
  const name = localHostName();
  return [
    { name, address: name, local: true, tags: [], ssh: config.defaults.ssh, sudo: config.defaults.sudo },
  ];
}

/** The check instances to run: the configured ones, or every zero-config kind with default options. */
export function effectiveChecks(config: Config, registry: Registry): CheckInstanceConfig[] {
  if (config.checks) return config.checks;
  return zeroConfigKinds(registry).map(({ id, options, timeoutSec }) => ({
    kind: id,
    name: id,
    on: ['all'],
    options,
    interval: config.defaults.interval,
    timeout: timeoutSec ?? config.defaults.timeout,
  }));
}

/** The kinds that run with no configuration, with their default options. */
function zeroConfigKinds(registry: Registry): { id: string; options: unknown; timeoutSec?: number }[] {
  return registry.all().flatMap((kind) => {
    if (!kind.zeroConfig) return [];
    const options = kind.options.safeParse({});
    // A kind that needs options cannot run unconfigured.
    return options.success ? [{ id: kind.id, options: options.data, timeoutSec: kind.timeoutSec }] : [];
  });
}

/** Hosts matched by selectors: the union of the positive ones (all when none) minus the `!` ones. */
export function selectHosts(on: readonly string[], hosts: readonly HostConfig[]): HostConfig[] {
  const matches = (sel: string, h: HostConfig) =>
    sel === 'all' || (sel.startsWith('tag:') ? h.tags.includes(sel.slice(4)) : h.name === sel);
  const include = on.filter((s) => !s.startsWith('!'));
  const exclude = on.filter((s) => s.startsWith('!')).map((s) => s.slice(1));
  return hosts.filter(
    (h) =>
      (include.length === 0 || include.some((s) => matches(s, h))) && !exclude.some((s) => matches(s, h)),
  );
}

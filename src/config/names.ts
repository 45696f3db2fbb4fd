import { hostname } from 'node:os';
import { didYouMean } from '../core/suggest.js';
import { type Lang, localeLang, t } from '../i18n/index.js';

/*
 * One rule for the names a person types or links: a host, a tag, a check
 * (instance name or kind), a routine id. Each is checked against the
 * configuration; an unknown one gets the nearest real name and the list to
 * choose from. The CLI turns these problems into exit 64, the loader into
 * exit 78 with file:line:col. The wording is in src/i18n/config.ts, said in
 * `lang`: the caller's (the CLI's language, the file's `language:`), else the
 * locale's — this layer cannot know the configuration's before it is read.
 */

/** The names a configuration defines, as the commands and the loader see them. */
export interface NameBook {
  hosts: readonly { name: string; tags: readonly string[] }[];
  /** Effective check instances: configured ones, or the zero-config kinds. */
  checks: readonly { name: string; kind: string; on: readonly string[] }[];
}

/** The name of the machine ronde runs on, as the implicit host of an empty inventory. */
export function localHostName(): string {
  return (
    hostname()
      .split('.')[0]
      ?.replace(/[^A-Za-z0-9._-]/g, '-') || 'localhost'
  );
}

const list = (xs: readonly string[]) => xs.join(', ');
/** The hint, else a full stop: `unknown host "x" — did you mean "y"? Hosts: …` / `unknown host "x". Hosts: …`. */
const hint = (word: string, candidates: Iterable<string>, lang: Lang) =>
  didYouMean(word, candidates, lang) || '.';

function allTags(book: NameBook): string[] {
  return [...new Set(book.hosts.flatMap((h) => h.tags))].sort();
}

/** `web1`, `tag:web`, `all`, `!db1`: why this host selector names nothing, or undefined. */
export function hostSelectorProblem(
  book: NameBook,
  selector: string,
  lang: Lang = localeLang(),
): string | undefined {
  const bare = selector.replace(/^!/, '');
  if (bare === 'all') return undefined;
  if (bare.startsWith('tag:')) {
    const tag = bare.slice(4);
    const tags = allTags(book);
    if (tags.includes(tag)) return undefined;
    return t(lang, 'config.names.noTag', { tag, hint: hint(tag, tags, lang), tags: list(tags) });
  }
  return hostProblem(book, bare, lang);
}

/** Why `name` is not a host of the inventory, or undefined. */
export function hostProblem(book: NameBook, name: string, lang: Lang = localeLang()): string | undefined {
  const names = book.hosts.map((h) => h.name);
  if (names.includes(name)) return undefined;
  return t(lang, 'config.names.unknownHost', { name, hint: hint(name, names, lang), names: list(names) });
}

/** Names and kinds a check can be called by: `disk-root (system.disk)` for a named instance. */
export function checkChoices(book: NameBook, lang: Lang = localeLang()): string {
  const shown = book.checks.map((c) => (c.name === c.kind ? c.name : `${c.name} (${c.kind})`));
  const kinds = [...new Set(book.checks.map((c) => c.kind))].filter(
    (k) => !book.checks.some((c) => c.name === k),
  );
  return list([...shown, ...kinds.map((kind) => t(lang, 'config.names.kind', { kind }))]);
}

/**
 * Why `word` names no configured check (neither an instance name nor the kind
 * of one), or undefined. `kinds` are all registered kinds: a real kind that
 * is merely not configured gets its own explanation.
 */
export function checkProblem(
  book: NameBook,
  word: string,
  kinds: readonly string[],
  lang: Lang = localeLang(),
): string | undefined {
  if (book.checks.some((c) => c.name === word || c.kind === word)) return undefined;
  const names = [...new Set(book.checks.flatMap((c) => [c.name, c.kind]))];
  const checks = checkChoices(book, lang);
  if (kinds.includes(word)) return t(lang, 'config.names.kindNotConfigured', { kind: word, checks });
  return t(lang, 'config.names.unknownCheck', {
    name: word,
    hint: hint(word, [...names, ...kinds], lang),
    checks,
  });
}

/**
 * A routine's `checks:` link, `NAME`, `NAME@HOST` or `NAME@tag:TAG`: why it
 * can never match a result, or undefined. A link to a host the check does not
 * run on would show "no result yet" forever, so it is refused too.
 */
export function linkProblem(
  book: NameBook,
  link: string,
  kinds: readonly string[],
  lang: Lang = localeLang(),
): string | undefined {
  const selectHosts = (on: readonly string[]) => selectNames(book, on);
  const at = link.indexOf('@');
  const name = at < 0 ? link : link.slice(0, at);
  const where = at < 0 ? undefined : link.slice(at + 1);
  const problem = checkProblem(book, name, kinds, lang);
  if (problem) return problem;
  if (where === undefined) return undefined;
  const hostIssue = hostSelectorProblem(book, where, lang);
  if (hostIssue) return hostIssue;
  const linked = new Set(selectHosts([where]));
  const runs = book.checks.filter(
    (c) => (c.name === name || c.kind === name) && selectHosts(c.on).some((h) => linked.has(h)),
  );
  if (runs.length > 0) return undefined;
  const on = [...new Set(book.checks.filter((c) => c.name === name || c.kind === name).flatMap((c) => c.on))];
  return t(lang, 'config.names.notOnHost', { name, where, on: list(on) });
}

/** Why `id` is not a configured routine, or undefined. */
export function routineProblem(
  ids: readonly string[],
  id: string,
  lang: Lang = localeLang(),
): string | undefined {
  if (ids.includes(id)) return undefined;
  if (ids.length === 0) return t(lang, 'config.names.noRoutines', { id });
  return t(lang, 'config.names.unknownRoutine', { id, hint: hint(id, ids, lang), ids: list(ids) });
}

/** Host names the selectors match: the union of the positive ones (all when none) minus the `!` ones. */
export function selectNames(book: NameBook, on: readonly string[]): string[] {
  const matches = (sel: string, h: NameBook['hosts'][number]) =>
    sel === 'all' || (sel.startsWith('tag:') ? h.tags.includes(sel.slice(4)) : h.name === sel);
  const include = on.filter((s) => !s.startsWith('!'));
  const exclude = on.filter((s) => s.startsWith('!')).map((s) => s.slice(1));
  return book.hosts
    .filter(
      (h) =>
        (include.length === 0 || include.some((s) => matches(s, h))) && !exclude.some((s) => matches(s, h)),
    )
    .map((h) => h.name);
}

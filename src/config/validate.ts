import type { z } from 'zod';
import type { Registry } from '../core/registry.js';
import { suggest as closest } from '../core/suggest.js';
import { type Key, type Lang, messages, t } from '../i18n/index.js';
import { configSchema } from './schema.js';

/** A problem before it is located in the YAML. */
export interface Issue {
  path: PropertyKey[];
  message: string;
  /** Set for an unknown key: the problem points at the key itself. */
  unknownKey?: string;
}

/** Zod's messages, reworded the way a sysadmin reads them: `expected string, received number`, in `lang`. */
export const errorMap =
  (lang: Lang): z.core.$ZodErrorMap =>
  (iss) => {
    if (iss.code === 'invalid_type') {
      if (iss.input === undefined) return t(lang, 'config.missing', { expected: iss.expected });
      return t(lang, 'config.expected', { expected: iss.expected, received: typeName(iss.input) });
    }
    return undefined;
  };
export const errorMessage: z.core.$ZodErrorMap = errorMap('en');

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Zod issues as Issues, under `prefix`; unknown keys get a "did you mean" from `schema`'s keys. */
export function fromZod(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  prefix: PropertyKey[] = [],
  lang: Lang = 'en',
): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code !== 'unrecognized_keys') {
      out.push({ path, message: issue.code === 'custom' ? said(issue, lang) : issue.message });
      continue;
    }
    const known = keysAt(schema, issue.path);
    for (const key of issue.keys) {
      const hint = closest(key, known);
      out.push({ path, unknownKey: key, message: t(lang, 'config.unknownKey', { hint: hint ?? '' }) });
    }
  }
  return out;
}

/**
 * A schema's own refinement, in `lang`: a custom issue names its sentence with
 * `params: { key, …parameters }` (keys of src/i18n/config.ts); its English
 * `message` stays for a parse that is not the configuration's.
 */
export function said(issue: z.core.$ZodIssueCustom, lang: Lang): string {
  const key = issue.params?.key;
  if (typeof key !== 'string' || !(key in messages(lang))) return issue.message;
  return (t as (l: Lang, k: Key, p: unknown) => string)(lang, key as Key, issue.params);
}

/** The keys an object schema allows at `path` (for hints); [] when it cannot tell. */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: z.core.$ZodType | undefined = unwrap(schema);
  for (const step of path) {
    if (!s) return [];
    const def = s._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'object') s = (def.shape as Record<string, z.core.$ZodType>)[String(step)];
    else if (def.type === 'array' && typeof step === 'number') s = def.element as z.core.$ZodType;
    else return [];
    s = s && unwrap(s);
  }
  const def = s?._zod.def as unknown as Record<string, unknown> | undefined;
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

function unwrap(s: z.core.$ZodType): z.core.$ZodType {
  let cur = s;
  for (;;) {
    const def = cur._zod.def as unknown as Record<string, unknown>;
    if (['optional', 'default', 'prefault', 'nullable', 'readonly'].includes(def.type as string))
      cur = def.innerType as z.core.$ZodType;
    else if (def.type === 'pipe') cur = def.in as z.core.$ZodType;
    else if (def.type === 'union') {
      // `on: x | [x]`, durations: an object or array branch is the one with keys.
      const options = def.options as z.core.$ZodType[];
      const branch = options.find((o) => ['object', 'array'].includes((o._zod.def as { type: string }).type));
      if (!branch) return cur;
      cur = branch;
    } else return cur;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Rules the plain schema cannot express: unique names, known check kinds, each
 * kind's options, selectors that name real hosts and tags. Works on the raw
 * data, defensively, so these problems are reported along with type errors.
 */
export function semanticIssues(data: unknown, registry: Registry, lang: Lang = 'en'): Issue[] {
  const out: Issue[] = [];
  if (!isObj(data)) return out;
  const hostNames = new Map<string, number>();
  const tags = new Set<string>();
  (Array.isArray(data.hosts) ? data.hosts : []).forEach((h, i) => {
    if (!isObj(h)) return;
    if (typeof h.name === 'string') {
      const first = hostNames.get(h.name);
      if (first !== undefined)
        out.push({
          path: ['hosts', i, 'name'],
          message: t(lang, 'config.duplicateHost', { name: h.name, first }),
        });
      else hostNames.set(h.name, i);
    }
    if (Array.isArray(h.tags)) for (const t of h.tags) if (typeof t === 'string') tags.add(t);
  });

  const checkNames = new Map<string, number>();
  (Array.isArray(data.checks) ? data.checks : []).forEach((c, i) => {
    if (!isObj(c) || typeof c.kind !== 'string') return;
    const kind = registry.get(c.kind);
    if (!kind) {
      const ids = registry.ids();
      const hint = closest(c.kind, ids);
      out.push({
        path: ['checks', i, 'kind'],
        message: t(lang, 'config.unknownKind', { kind: c.kind, hint: hint ?? '', ids: ids.join(', ') }),
      });
    } else if (c.options === undefined || isObj(c.options)) {
      const r = kind.options.safeParse(c.options ?? {}, { error: errorMap(lang) });
      if (!r.success) out.push(...fromZod(r.error.issues, kind.options, ['checks', i, 'options'], lang));
    }
    const name = typeof c.name === 'string' ? c.name : c.kind;
    const first = checkNames.get(name);
    if (first !== undefined) {
      out.push({
        path: ['checks', i, typeof c.name === 'string' ? 'name' : 'kind'],
        message: t(lang, 'config.duplicateCheck', { name, first }),
      });
    } else checkNames.set(name, i);
    const selectors = typeof c.on === 'string' ? [[c.on, ['checks', i, 'on']] as const] : [];
    const list = Array.isArray(c.on) ? c.on.map((s, j) => [s, ['checks', i, 'on', j]] as const) : selectors;
    for (const [sel, path] of list) {
      if (typeof sel !== 'string') continue;
      const bare = sel.replace(/^!/, '');
      if (bare === 'all') continue;
      if (bare.startsWith('tag:')) {
        if (!tags.has(bare.slice(4)))
          out.push({ path: [...path], message: t(lang, 'config.noHostTag', { tag: bare.slice(4) }) });
      } else if (!hostNames.has(bare)) {
        const hint = closest(bare, hostNames.keys());
        out.push({
          path: [...path],
          message: t(lang, 'config.noHostNamed', { name: bare, hint: hint ?? '' }),
        });
      }
    }
  });
  return out;
}

/** Structural validation of the whole file. */
export function schemaIssues(
  data: unknown,
  lang: Lang = 'en',
): { issues: Issue[]; data?: z.output<typeof configSchema> } {
  const r = configSchema.safeParse(data, { error: errorMap(lang) });
  return r.success
    ? { issues: [], data: r.data }
    : { issues: fromZod(r.error.issues, configSchema, [], lang) };
}

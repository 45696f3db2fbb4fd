import { z } from 'zod';
import type { AnyCheckKind } from '../core/check.js';
import { Registry } from '../core/registry.js';
import { buildJsonSchema } from './schema.js';

type Json = Record<string, unknown>;

/**
 * The key reference of docs/configuration.md, generated from the schema's
 * `.describe()` texts so the docs cannot drift from what the loader accepts.
 * Check options are documented per kind (docs/checks/), so no kind is included.
 */
export function configReference(): string {
  const rows: string[][] = [];
  walk(buildJsonSchema(new Registry()), '', rows);
  return alignedTable(['key', 'type', 'default', 'meaning'], rows);
}

/** A Markdown table padded the way the formatter (Biome) writes it, so `npm run lint` accepts the doc. */
function alignedTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, 3, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * The options table of a kind's page (docs/checks/<id>.md), from its zod schema:
 * each option's type, default and `.describe()` text. Options the kind declares
 * `required` say so, with their alternatives (`a|b`: one of them).
 */
export function kindOptionsReference(kind: AnyCheckKind): string {
  const rows = optionRows(kind);
  return alignedTable(['option', 'type', 'default', 'meaning'], rows);
}

/** The rows of a kind's options table: `[option, type, default, meaning]`. */
export function optionRows(kind: AnyCheckKind): string[][] {
  const json = z.toJSONSchema(kind.options as z.ZodType, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Json;
  const alternatives = new Map<string, string[]>();
  for (const entry of kind.required ?? []) {
    const keys = entry.split('|');
    for (const k of keys)
      alternatives.set(
        k,
        keys.filter((o) => o !== k),
      );
  }
  const rows: string[][] = [];
  walk(objectOf(json), '', rows, alternatives);
  return rows;
}

/** Options of the kind without a `.describe()` text (a test wants none). */
export function undescribedOptions(kind: AnyCheckKind): string[] {
  return optionRows(kind)
    .filter((r) => r[3] === '')
    .map((r) => r[0]!.replaceAll('`', ''));
}

function walk(
  node: Json,
  prefix: string,
  rows: string[][],
  alternatives = new Map<string, string[]>(),
): void {
  const props = (node.properties ?? {}) as Record<string, Json>;
  const required = new Set((node.required ?? []) as string[]);
  for (const [key, raw] of Object.entries(props)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const s = objectOf(raw);
    const items = s.type === 'array' ? objectOf(s.items as Json) : undefined;
    const others = prefix ? undefined : alternatives.get(key);
    const def =
      s.default !== undefined
        ? `\`${JSON.stringify(s.default)}\``
        : others
          ? `_required_${others.length ? ` (or ${others.map((o) => `\`${o}\``).join(', ')})` : ''}`
          : required.has(key)
            ? '_required_'
            : '';
    const desc = String(s.description ?? items?.description ?? '').replaceAll('|', '\\|');
    rows.push([`\`${path}\``, typeOf(raw), def, desc]);
    const variants = s.type === 'array' ? typedVariants(s.items as Json) : [];
    if (variants.length > 0) walkVariants(variants, path, rows);
    else if (items?.properties) walk(items, `${path}[]`, rows);
    else if (s.properties) walk(s, path, rows);
  }
}

/** The branches of a list of typed objects (`notifiers:`: one per `type:`), else []. */
function typedVariants(items: Json | undefined): { type: string; schema: Json }[] {
  const branches = (items?.oneOf ?? items?.anyOf) as Json[] | undefined;
  const out = (branches ?? []).flatMap((b) => {
    const type = ((b.properties as Record<string, Json> | undefined)?.type as Json | undefined)?.const;
    return typeof type === 'string' ? [{ type, schema: b }] : [];
  });
  return out.length > 1 && out.length === branches?.length ? out : [];
}

/** Every variant's keys, under `notifiers[type=email].host`: each type documents its own. */
function walkVariants(variants: { type: string; schema: Json }[], path: string, rows: string[][]): void {
  const types = variants.map((v) => `\`${JSON.stringify(v.type)}\``).join(' \\| ');
  rows.push([`\`${path}[].type\``, types, '_required_', 'Which kind of notifier; its keys follow.']);
  for (const v of variants) {
    const { type: _, ...props } = v.schema.properties as Record<string, Json>;
    walk({ ...v.schema, properties: props }, `${path}[type=${v.type}]`, rows);
  }
}

/** The object branch of `x | [x]` unions, else the node itself. */
function objectOf(s: Json): Json {
  const branches = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  const obj = branches?.find((b) => b.type === 'object' || b.type === 'array');
  return obj
    ? { ...obj, description: s.description ?? obj.description, default: s.default ?? obj.default }
    : s;
}

function typeOf(s: Json): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (Array.isArray(s.enum)) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  const branches = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  // durationSchema and sizeSchema: a number or a string with a unit.
  const pattern = String(branches?.find((b) => b.type === 'string')?.pattern ?? '');
  if (branches?.length === 2 && branches.some((b) => b.type === 'number')) {
    if (pattern.includes('smhdw')) return 'duration';
    if (pattern.includes('KMGT')) return 'size';
  }
  if (branches) return [...new Set(branches.map(typeOf))].join(' or ');
  if (s.type === 'array') return `list of ${typeOf((s.items ?? {}) as Json)}`;
  if (typeof s.type === 'string') return s.type === 'number' || s.type === 'integer' ? s.type : s.type;
  return 'any';
}

export const BEGIN = '<!-- BEGIN GENERATED: npm run docs:generate -->';
export const END = '<!-- END GENERATED -->';

/** Replaces the generated block of the doc; throws when the markers are missing. */
export function spliceReference(doc: string, reference: string, name = 'docs/configuration.md'): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${name} lacks the markers ${BEGIN} … ${END}`);
  return `${doc.slice(0, start + BEGIN.length)}\n${reference}\n${doc.slice(end)}`;
}

/** A kind's page (docs/checks/<id>.md) with its options table regenerated; the prose is left as written. */
export function kindPage(doc: string, kind: AnyCheckKind): string {
  const table = optionRows(kind).length > 0 ? kindOptionsReference(kind) : 'This kind has no options.';
  return spliceReference(doc, table, `docs/checks/${kind.id}.md`);
}

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

function walk(node: Json, prefix: string, rows: string[][]): void {
  const props = (node.properties ?? {}) as Record<string, Json>;
  const required = new Set((node.required ?? []) as string[]);
  for (const [key, raw] of Object.entries(props)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const s = objectOf(raw);
    const items = s.type === 'array' ? objectOf(s.items as Json) : undefined;
    const def =
      s.default === undefined ? (required.has(key) ? '_required_' : '') : `\`${JSON.stringify(s.default)}\``;
    const desc = String(s.description ?? items?.description ?? '').replaceAll('|', '\\|');
    rows.push([`\`${path}\``, typeOf(raw), def, desc]);
    if (items?.properties) walk(items, `${path}[]`, rows);
    else if (s.properties) walk(s, path, rows);
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
  if (branches) return [...new Set(branches.map(typeOf))].join(' or ');
  if (s.type === 'array') return `list of ${typeOf((s.items ?? {}) as Json)}`;
  if (typeof s.type === 'string') return s.type === 'number' || s.type === 'integer' ? s.type : s.type;
  return 'any';
}

const BEGIN = '<!-- BEGIN GENERATED: npx tsx scripts/gen-schema.ts -->';
const END = '<!-- END GENERATED -->';

/** Replaces the generated block of the doc; throws when the markers are missing. */
export function spliceReference(doc: string, reference: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/configuration.md lacks the markers ${BEGIN} … ${END}`);
  return `${doc.slice(0, start + BEGIN.length)}\n${reference}\n${doc.slice(end)}`;
}

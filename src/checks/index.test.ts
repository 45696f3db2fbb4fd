import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseConfig } from '../config/load.js';
import { kindPage, undescribedOptions } from '../config/reference.js';
import { registry } from './index.js';

const here = import.meta.dirname;
const docsDir = join(here, '../../docs/checks');
/**
 * Renovate's rule: below src/checks/<domain>/, every file or folder whose name
 * does not start with `_` is a kind (`<kind>.ts` or `<kind>/index.ts`), and
 * nothing else is; helpers shared inside a domain live in `_shared/`, across
 * domains in src/checks/_shared/. Unit tests (`*.test.ts`) are not kinds.
 */
function kindsOfTree(): string[] {
  const entries = (dir: string) =>
    readdirSync(dir, { withFileTypes: true }).filter(
      (d) => !d.name.startsWith('_') && !d.name.endsWith('.test.ts'),
    );
  return entries(here)
    .filter((d) => d.isDirectory())
    .flatMap((domain) =>
      entries(join(here, domain.name)).map((k) => {
        const name = k.isDirectory() ? k.name : k.name.replace(/\.ts$/, '');
        return `${domain.name}.${name}`;
      }),
    )
    .sort();
}

/**
 * A page's YAML examples as one ronde.yaml: hosts named by the examples'
 * selectors are added when the example has none, so that only what the page
 * shows is judged.
 */
function exampleConfig(page: string): string[] {
  return [...page.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => {
    const data = (parse(m[1]!) ?? {}) as Record<string, unknown>;
    if (!data.hosts) {
      const names = new Set<string>();
      const tags = new Set<string>();
      for (const c of (data.checks ?? []) as { on?: string | string[] }[])
        for (const sel of [c.on ?? []].flat().map((s) => s.replace(/^!/, '')))
          if (sel.startsWith('tag:')) tags.add(sel.slice(4));
          else if (sel !== 'all') names.add(sel);
      data.hosts = [
        { name: 'example-host', local: true, tags: [...tags] },
        ...[...names].map((name) => ({ name })),
      ];
    }
    return stringify(data);
  });
}

describe('check registry', () => {
  it('registers exactly the kinds of the tree: src/checks/<domain>/<kind>(.ts|/), id = domain.kind', () => {
    expect(registry.ids()).toEqual(kindsOfTree());
  });

  it('keeps a folder kind to its shape: index.ts, and options/parse/judge/… modules, no nested folders', () => {
    for (const domain of readdirSync(here, { withFileTypes: true }).filter((d) => d.isDirectory()))
      for (const k of readdirSync(join(here, domain.name), { withFileTypes: true }))
        if (k.isDirectory() && !k.name.startsWith('_')) {
          const files = readdirSync(join(here, domain.name, k.name), { withFileTypes: true });
          expect(
            files.map((f) => f.name),
            `${domain.name}/${k.name}`,
          ).toContain('index.ts');
          expect(files.filter((f) => f.isDirectory()).map((f) => f.name)).toEqual([]);
        }
  });

  it('describes every option of every kind (ronde schema)', () => {
    const undescribed = registry.all().flatMap((k) => undescribedOptions(k).map((o) => `${k.id}: ${o}`));
    expect(undescribed).toEqual([]);
  });

  for (const kind of registry.all()) {
    describe(kind.id, () => {
      const file = join(docsDir, `${kind.id}.md`);
      const page = existsSync(file) ? readFileSync(file, 'utf8') : '';

      it('has a docs/checks page whose options table is current (npm run docs:generate)', () => {
        expect(existsSync(file), `${file} is missing`).toBe(true);
        expect(page, `${file} is stale: run npm run docs:generate`).toBe(kindPage(page, kind));
      });

      it('says on its page what it observes, its options and its statuses', () => {
        expect(page).toMatch(/\*\*Observes\*\*/);
        expect(page).toMatch(/^## Options$/m);
        expect(page).toMatch(/^## Statuses$/m);
      });

      it('shows a YAML example on its page that the configuration loader accepts', () => {
        const examples = exampleConfig(page);
        expect(examples.length).toBeGreaterThan(0);
        for (const text of examples) {
          const config = parseConfig(text, `docs/checks/${kind.id}.md`, registry);
          expect(config.checks?.map((c) => c.kind)).toContain(kind.id);
        }
      });

      const required = kind.required ?? [];
      if (required.length === 0) {
        it('accepts an empty options object (every option has a default)', () => {
          expect(() => kind.options.parse({})).not.toThrow();
        });
      } else {
        it(`refuses a configuration without its required options (${required.join(', ')})`, () => {
          const r = kind.options.safeParse({});
          expect(r.success).toBe(false);
          const paths = r.error!.issues.map((i) => String(i.path[0]));
          for (const entry of required)
            expect(entry.split('|')).toContain(paths.find((p) => entry.includes(p)));
          expect(kind.zeroConfig, 'a kind with required options cannot run unconfigured').toBe(false);
        });
      }

      it('rejects unknown options (typos are errors)', () => {
        expect(kind.options.safeParse({ no_such_option_xyz: 1 }).success).toBe(false);
      });
    });
  }
});

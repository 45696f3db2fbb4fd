import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registry } from './index.js';

const here = import.meta.dirname;
const docsDir = join(here, '../../docs/checks');
/** Files in a domain folder that are not kinds (a kind is a file, or a folder with an index.ts). */
const NOT_A_KIND = /(\.test|^index|^types|^util|^parse|^schema)[^/]*\.ts$/;

function kindFiles(): string[] {
  return readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(here, d.name), { withFileTypes: true })
        .filter((f) =>
          f.isDirectory()
            ? !f.name.startsWith('_') && existsSync(join(here, d.name, f.name, 'index.ts'))
            : f.name.endsWith('.ts') && !NOT_A_KIND.test(f.name),
        )
        .map((f) => `${d.name}.${f.name.replace(/\.ts$/, '')}`),
    )
    .sort();
}

describe('check registry', () => {
  it('registers exactly the kinds of src/checks/<domain>/<kind>.ts, id = domain.kind', () => {
    expect(registry.ids()).toEqual(kindFiles());
  });

  for (const kind of registry.all()) {
    describe(kind.id, () => {
      it('has a docs/checks page with an example and every option', () => {
        const page = join(docsDir, `${kind.id}.md`);
        expect(existsSync(page), `${page} is missing`).toBe(true);
        const text = readFileSync(page, 'utf8');
        expect(text).toContain(`kind: ${kind.id}`);
        const shape = kind.options instanceof z.ZodObject ? Object.keys(kind.options.shape) : [];
        for (const key of shape) expect(text, `option ${key} undocumented`).toContain(key);
      });

      it('accepts an empty options object (every option has a default)', () => {
        expect(() => kind.options.parse({})).not.toThrow();
      });

      it('rejects unknown options (typos are errors)', () => {
        expect(kind.options.safeParse({ no_such_option_xyz: 1 }).success).toBe(false);
      });

      it('documents what it observes, privileges and statuses', () => {
        expect(kind.docs.observes.length).toBeGreaterThan(10);
        expect(kind.docs.privileges.length).toBeGreaterThan(3);
        expect(Object.keys(kind.docs.statuses).length).toBeGreaterThan(1);
      });
    });
  }
});

// Writes what is generated from the zod schemas and the registered check kinds:
// docs/schema/ronde.schema.json, the key reference of docs/configuration.md, and
// the options table of each docs/checks/<id>.md (between BEGIN/END GENERATED).
// Run: npm run docs:generate   (src/config/schema.test.ts and src/checks/index.test.ts fail when stale)
import { readFileSync, writeFileSync } from 'node:fs';
import { registry } from '../src/checks/index.js';
import { configReference, kindPage, spliceReference } from '../src/config/reference.js';
import { buildJsonSchema } from '../src/config/schema.js';

const schemaFile = new URL('../docs/schema/ronde.schema.json', import.meta.url);
writeFileSync(schemaFile, `${JSON.stringify(buildJsonSchema(registry), null, 2)}\n`);

const docFile = new URL('../docs/configuration.md', import.meta.url);
writeFileSync(docFile, spliceReference(readFileSync(docFile, 'utf8'), configReference()));

for (const kind of registry.all()) {
  const page = new URL(`../docs/checks/${kind.id}.md`, import.meta.url);
  writeFileSync(page, kindPage(readFileSync(page, 'utf8'), kind));
}

// Writes docs/schema/ronde.schema.json and the key reference of docs/configuration.md
// from the zod schema and the registered check kinds.
// Run: npx tsx scripts/gen-schema.ts   (src/config/schema-files.test.ts fails when they are stale)
import { readFileSync, writeFileSync } from 'node:fs';
import { registry } from '../src/checks/index.js';
import { configReference, spliceReference } from '../src/config/reference.js';
import { buildJsonSchema } from '../src/config/schema.js';

const schemaFile = new URL('../docs/schema/ronde.schema.json', import.meta.url);
writeFileSync(schemaFile, `${JSON.stringify(buildJsonSchema(registry), null, 2)}\n`);

const docFile = new URL('../docs/configuration.md', import.meta.url);
writeFileSync(docFile, spliceReference(readFileSync(docFile, 'utf8'), configReference()));

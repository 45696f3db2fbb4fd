// Writes docs/schema/check-output.schema.json from the zod schema of `ronde check --json`.
// Run: npx tsx scripts/gen-output-schema.ts   (a test fails when the file is stale)
import { writeFileSync } from 'node:fs';
import { checkOutputJsonSchema } from '../src/cli/check-output.js';

writeFileSync(
  new URL('../docs/schema/check-output.schema.json', import.meta.url),
  `${JSON.stringify(checkOutputJsonSchema(), null, 2)}\n`,
);

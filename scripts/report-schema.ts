/**
 * Writes schema/report.schema.json from the zod schema of the JSON report
 * (`npm run schema`); a test fails when the shipped file is stale.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { reportJsonSchema } from '../reports/json-format.js';

/** The text of the shipped schema file. */
export function reportSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(new URL('../schema/', import.meta.url), { recursive: true });
  writeFileSync(new URL('../schema/report.schema.json', import.meta.url), reportSchemaText());
}

/**
 * Write public/managed_schema.json from the ManagedPolicy zod schema (lib/policy/schema.ts).
 * `npm run gen:policy-schema`; test/unit/policy/managed-schema.test.ts fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { managedSchemaText } from '../lib/policy/chrome-schema';

writeFileSync(new URL('../public/managed_schema.json', import.meta.url), managedSchemaText());
console.log('public/managed_schema.json written');

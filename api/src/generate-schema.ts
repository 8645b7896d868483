/** `npm run schema -w api`: rewrites api/schema.gql from the code-first models. */
import 'reflect-metadata';
import { SCHEMA_FILE } from './app.module';
import { writeSchemaFile } from './schema-file';

writeSchemaFile(SCHEMA_FILE).then(
  () => console.log(`schema: wrote ${SCHEMA_FILE}`),
  (error: unknown) => {
    console.error(`schema: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

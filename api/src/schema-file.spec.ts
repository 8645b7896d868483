import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_FILE } from './app.module';
import { writeSchemaFile } from './schema-file';

describe('committed api/schema.gql', () => {
  it('matches the schema generated from the code-first models (run `npm run schema -w api` after changing them)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reelrank-schema-'));
    try {
      const generated = join(dir, 'schema.gql');
      await writeSchemaFile(generated);
      expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(readFileSync(generated, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { ESLint } from 'eslint';
import { join } from 'node:path';

/** The lint rules that keep workflow code deterministic actually fire. */
describe('workflow determinism lint rules', () => {
  const eslint = new ESLint({ cwd: join(__dirname, '..', '..') });
  const lint = async (code: string, file = 'workflows/src/example.workflow.ts') => {
    const [result] = await eslint.lintText(code, { filePath: join(__dirname, '..', '..', file) });
    return result.messages.map((message) => message.ruleId);
  };

  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'no-restricted-imports'],
    ["import { randomUUID } from 'crypto';\nexport const x = randomUUID;", 'no-restricted-imports'],
    ["import { Client } from '@temporalio/client';\nexport const x = Client;", 'no-restricted-imports'],
    ["import { Client } from 'pg';\nexport const x = Client;", 'no-restricted-imports'],
    ['export const x = () => fetch("http://example.com");', 'no-restricted-globals'],
    ['export const x = () => process.env.HOME;', 'no-restricted-globals'],
  ])('rejects %j', async (code, rule) => {
    expect(await lint(code)).toContain(rule);
  });

  it('accepts deterministic workflow code that imports activity types only', async () => {
    const code = [
      "import { proxyActivities } from '@temporalio/workflow';",
      "import type { SystemActivities } from './activities';",
      "const { probeDependencies } = proxyActivities<SystemActivities>({ startToCloseTimeout: '1 minute' });",
      'export const run = () => probeDependencies();',
    ].join('\n');
    expect(await lint(code)).toEqual([]);
  });

  it('leaves non-workflow code alone', async () => {
    expect(await lint("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'worker/src/example.ts')).toEqual([]);
  });
});

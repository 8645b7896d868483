/** `npm run setup`: provisions the Temporal CLI and MinIO into .tools/ (what `npm start` and the tests need). */
import { MINIO, provisionTool, TEMPORAL_CLI } from '@reelrank/stack';
import { loadLocalConfig } from './local-config';

async function main(): Promise<void> {
  const { TOOLS_DIR } = loadLocalConfig();
  for (const tool of [TEMPORAL_CLI, MINIO]) {
    const path = await provisionTool(tool, { toolsDir: TOOLS_DIR });
    console.log(`setup: ${tool.name} ${tool.version} at ${path}`);
  }
}

main().catch((error: unknown) => {
  console.error(`setup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

/** `npm run setup`: provisions the Temporal CLI and MinIO into .tools/ (what `npm start` and the tests need). */
import { MINIO, provisionTool, TEMPORAL_CLI } from '@reelrank/stack';
import { loadLocalConfig } from './local-config';

async function main(): Promise<void> {
  const config = loadLocalConfig();
  for (const [tool, releaseBaseUrl] of [
    [TEMPORAL_CLI, config.TEMPORAL_CLI_RELEASE_URL],
    [MINIO, config.MINIO_RELEASE_URL],
  ] as const) {
    const path = await provisionTool(tool, { toolsDir: config.TOOLS_DIR, releaseBaseUrl });
    console.log(`setup: ${tool.name} at ${path}`);
  }
}

main().catch((error: unknown) => {
  console.error(`setup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

export interface TestStack {
  workDir: string;
  stop(): Promise<void>;
}

export const TEST_S3_CREDENTIALS = { accessKeyId: 'reelrank-test', secretAccessKey: 'reelrank-test-secret' } as const;

/** Reads a TEST_* variable set by the global setup; fails clearly when a test runs outside `npm test`. */
export function testEnv(name: 'TEST_POSTGRES_URL' | 'TEST_TEMPORAL_ADDRESS' | 'TEST_S3_ENDPOINT' | 'TEST_WORK_DIR'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this test through the root Jest config (npm test), which starts the test services.`);
  return value;
}

import { rmSync } from 'node:fs';
import type { TestStack } from './test-stack';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as { reelrankTestStack?: TestStack }).reelrankTestStack;
  if (!stack) return;
  await stack.stop();
  rmSync(stack.workDir, { recursive: true, force: true });
}

import type { FullResult, Reporter, TestCase, TestError, TestResult } from '@playwright/test/reporter';

/**
 * Ends the run with one plain line, "e2e: N passed, N failed, N skipped, <duration>", which
 * .ci/run sums with the other runners' lines. A run that broke outside the tests (the global
 * setup could not start the stack, a timeout of the whole run) counts every test that did not
 * pass as failed, and at least one.
 */
export default class SummaryReporter implements Reporter {
  private readonly outcomes = new Map<TestCase, TestResult['status']>();
  private errors = 0;

  onTestEnd(test: TestCase, result: TestResult): void {
    this.outcomes.set(test, result.status);
  }

  onError(_error: TestError): void {
    this.errors += 1;
  }

  onEnd(result: FullResult): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const [test, status] of this.outcomes) {
      const outcome = test.outcome();
      if (outcome === 'expected' && status !== 'skipped') passed += 1;
      else if (outcome === 'flaky') passed += 1;
      else if (outcome === 'skipped') skipped += 1;
      else failed += 1;
    }
    if (result.status !== 'passed' && failed === 0) failed = Math.max(1, this.errors);
    const minutes = Math.floor(result.duration / 60_000);
    const seconds = Math.round((result.duration % 60_000) / 1000);
    console.log(`\ne2e: ${passed} passed, ${failed} failed, ${skipped} skipped (${minutes} min ${seconds} s, ${result.status})`);
  }

  printsToStdio(): boolean {
    return false;
  }
}

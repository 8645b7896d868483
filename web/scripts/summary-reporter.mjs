// Vitest reporter that ends the run with one plain line: "web: N passed, N failed, N skipped".
export default class SummaryReporter {
  onTestRunEnd(testModules) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed' || state === 'failed') counts[state] += 1;
        else counts.skipped += 1;
      }
      // A file that failed to load has no tests but must still count as a failure.
      if (module.state() === 'failed' && !module.children.size) counts.failed += 1;
    }
    console.log(`\nweb: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}

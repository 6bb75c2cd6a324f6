// A jest reporter for .ci/run: writes the run's counts and every spec file's time to the file named by
// ECOO_TEST_SUMMARY, and prints the slowest files and each project's total. jest's own --json output
// serialises every failure's error object and throws on a circular one (a browser error is), which
// left .ci/run with no counts at all.
//   npm test -- --reporters=default --reporters=./test/support/ci-summary-reporter.js
const { writeFileSync } = require('node:fs');
const { relative } = require('node:path');

class CiSummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const files = results.testResults.map((result) => ({
      path: relative(this.rootDir, result.testFilePath),
      project: typeof result.displayName === 'string' ? result.displayName : (result.displayName?.name ?? ''),
      seconds: Math.round(result.perfStats.end - result.perfStats.start) / 1000,
      passed: result.numPassingTests,
      failed: result.numFailingTests,
      error: result.testExecError ? String(result.testExecError.message ?? result.testExecError).split('\n')[0] : undefined,
    }));
    const summary = {
      numPassedTests: results.numPassedTests,
      numFailedTests: results.numFailedTests,
      numRuntimeErrorTestSuites: results.numRuntimeErrorTestSuites,
      numTotalTests: results.numTotalTests,
      seconds: Math.round(Date.now() - results.startTime) / 1000,
      files: files.sort((a, b) => b.seconds - a.seconds),
    };
    if (process.env.ECOO_TEST_SUMMARY) writeFileSync(process.env.ECOO_TEST_SUMMARY, `${JSON.stringify(summary, null, 2)}\n`);

    const byProject = {};
    for (const file of files) {
      const total = (byProject[file.project] ??= { files: 0, seconds: 0 });
      total.files += 1;
      total.seconds += file.seconds;
    }
    const lines = ['', 'spec file time by project (summed over the parallel workers):'];
    for (const [project, total] of Object.entries(byProject)) lines.push(`  ${project.padEnd(6)} ${String(total.files).padStart(4)} files ${total.seconds.toFixed(0).padStart(6)} s`);
    lines.push('slowest spec files:');
    for (const file of summary.files.slice(0, 15)) lines.push(`  ${file.seconds.toFixed(1).padStart(6)} s  ${file.project.padEnd(6)} ${file.path}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

module.exports = CiSummaryReporter;

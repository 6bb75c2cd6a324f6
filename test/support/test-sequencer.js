// The order in which jest hands spec files to its workers. jest orders the files it timed in earlier
// runs longest first, so that no worker is left with a long file at the end while the others idle;
// files it has no time for go ahead of those, by size. A fresh clone (CI) has no times at all: the
// two chaos specs, small files whose single scenario waits some 17 s on retries, then ran last, with
// the machine mostly idle for their last 15 s. Where jest has no time for a file, the times below
// stand in for it: the slowest files of a fresh-clone `.ci/run` (its summary prints them, "slowest
// spec files").
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

// project:path -> seconds, from `.ci/run` on a fresh clone, 2026-12-06.
const SLOWEST = {
  'e2e:test/e2e/pki-dev-keys-production.e2e-spec.ts': 24.9,
  'trial:test/trial/smoke.trial-spec.ts': 19.1,
  'e2e:test/e2e/exchange-chaos-two-workers.e2e-spec.ts': 18.5,
  'e2e:test/e2e/audit-sequencer.e2e-spec.ts': 18.4,
  'trial:test/e2e/certificates.e2e-spec.ts': 17.7,
  'trial:test/e2e/signing.e2e-spec.ts': 16.9,
  'e2e:test/e2e/exchange-pull-mode.e2e-spec.ts': 16.8,
  'e2e:test/e2e/exchange-chaos.e2e-spec.ts': 16.5,
  'e2e:test/e2e/verification-cli.e2e-spec.ts': 16.4,
  'trial:test/e2e/exchange-two-hubs.e2e-spec.ts': 16.0,
  'e2e:test/e2e/pki-dev.e2e-spec.ts': 14.6,
  'e2e:test/e2e/visibility-by-role.e2e-spec.ts': 13.7,
  'e2e:test/e2e/master-key-rotation.e2e-spec.ts': 13.5,
  'e2e:test/e2e/exchange-previous-release.e2e-spec.ts': 13.5,
  'trial:test/e2e/exchange-operations.e2e-spec.ts': 13.4,
};

function keyOf(test) {
  const name = test.context.config.displayName?.name ?? '';
  return `${name}:${test.path.slice(test.context.config.rootDir.length + 1)}`;
}

/** The slowest files jest has no time for, longest first, ahead of jest's own order of the rest. */
class SlowestFirstSequencer extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    const ahead = ordered.filter((test) => this.time(test) == null && SLOWEST[keyOf(test)] !== undefined);
    if (ahead.length === 0) return ordered;
    ahead.sort((a, b) => SLOWEST[keyOf(b)] - SLOWEST[keyOf(a)]);
    const moved = new Set(ahead);
    return [...ahead, ...ordered.filter((test) => !moved.has(test))];
  }

  // jest keeps each file's last time in a file per project id, keyed by the spec's absolute path. The
  // ids are fixed (jest.config.js), so every clone's run writes its paths into the same file: after a
  // run, the times of paths that no longer exist (clones since removed) are dropped.
  cacheResults(tests, results) {
    super.cacheResults(tests, results);
    for (const context of new Set(tests.map((test) => test.context))) {
      if (!context.config.cache) continue;
      const file = this._getCachePath(context);
      if (!existsSync(file)) continue;
      try {
        const times = JSON.parse(readFileSync(file, 'utf8'));
        const kept = Object.fromEntries(Object.entries(times).filter(([path]) => existsSync(path)));
        if (Object.keys(kept).length < Object.keys(times).length) writeFileSync(file, JSON.stringify(kept));
      } catch {
        // A file jest cannot read either: jest starts it afresh on its next write.
      }
    }
  }
}

module.exports = SlowestFirstSequencer;
module.exports.SLOWEST = SLOWEST;
module.exports.keyOf = keyOf;

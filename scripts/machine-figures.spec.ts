import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const SCRIPT = resolve(__dirname, 'machine-figures.js');
const POSTGRES = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function figures(url: string): string {
  return execFileSync(process.execPath, [SCRIPT, url], { encoding: 'utf8' });
}

// The line .ci/run and the bench runner print so that times taken on different machines can be read
// side by side: every figure is a measurement, and a missing server is said, never guessed.
describe('scripts/machine-figures.js', () => {
  it('measures the CPU, a system call and a round trip to PostgreSQL, on one line', () => {
    const out = figures(POSTGRES);
    expect(out.split('\n').filter(Boolean)).toHaveLength(1);
    const match = /^machine: .+, (\d+) cores; load [\d.]+ [\d.]+ [\d.]+; a JavaScript loop (\d+) ms; write\(2\) ([\d.]+) µs; SELECT 1 round trip (\d+) µs; Meltdown: .+$/.exec(out.trim());
    expect(match).not.toBeNull();
    const [, cores, loopMs, writeUs, roundTripUs] = match!.map(Number);
    expect(cores).toBeGreaterThan(0);
    expect(loopMs).toBeGreaterThan(0);
    expect(writeUs).toBeGreaterThan(0);
    expect(roundTripUs).toBeGreaterThan(0);
  });

  it('says when PostgreSQL does not answer, and still measures the rest', () => {
    const out = figures('postgres://postgres@127.0.0.1:1/nowhere').trim();
    expect(out).toMatch(/; a JavaScript loop \d+ ms; write\(2\) [\d.]+ µs; SELECT 1 round trip n\/a \(no PostgreSQL\); Meltdown: /);
  });
});

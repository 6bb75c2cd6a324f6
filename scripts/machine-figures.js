#!/usr/bin/env node
// Prints one line saying what kind of machine a CI run (or a benchmark) ran on, so that its times
// can be read beside another machine's. The same commit's .ci/run took 309 s on one machine and 514 s
// on another of the same CPU model and core count, whose user-space speed was about the same
// (OpenAttestation's in-process figures of the benchmark). The hub and its tests spend a good part
// of their time in the kernel (a statement to PostgreSQL, a job to Redis, an answer to a client, a
// process started: system time was 17% of the e2e workers' CPU on the slower one), so beside the
// CPU this measures:
//   - a fixed JavaScript loop (user space only),
//   - one write(2) of one byte to /dev/null (the kernel's entry and exit),
//   - one round trip of `SELECT 1` to PostgreSQL on one connection (two wake-ups over loopback),
//     when DATABASE_URL or the local server answers,
//   - whether page-table isolation is on (it makes every entry to the kernel dearer).
//   node scripts/machine-figures.js [postgres url]     (default: DATABASE_URL, else 127.0.0.1:5432)
'use strict';
const { closeSync, openSync, readFileSync, writeSync } = require('node:fs');
const { cpus, loadavg } = require('node:os');

/** The median of three timings of `run`, in nanoseconds per repetition. */
function median(run, repetitions) {
  const times = [0, 1, 2].map(() => {
    const started = process.hrtime.bigint();
    run();
    return Number(process.hrtime.bigint() - started) / repetitions;
  });
  return times.sort((a, b) => a - b)[1];
}

function loopMs() {
  let sum = 0;
  const ns = median(() => {
    for (let i = 0; i < 50_000_000; i++) sum += i % 7;
  }, 1);
  return sum > 0 ? ns / 1e6 : NaN;
}

function writeNs() {
  const fd = openSync('/dev/null', 'w');
  const byte = Buffer.alloc(1);
  try {
    return median(() => {
      for (let i = 0; i < 20_000; i++) writeSync(fd, byte);
    }, 20_000);
  } finally {
    closeSync(fd);
  }
}

async function roundTripUs(url) {
  let Client;
  try {
    ({ Client } = require('pg'));
  } catch {
    return undefined; // before npm ci
  }
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const times = [];
    for (let round = 0; round < 3; round++) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < 300; i++) await client.query('SELECT 1');
      times.push(Number(process.hrtime.bigint() - started) / 300 / 1000);
    }
    return times.sort((a, b) => a - b)[1];
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** What the kernel says of Meltdown: "Mitigation: PTI" makes every system call dearer. */
function pageTableIsolation() {
  try {
    return readFileSync('/sys/devices/system/cpu/vulnerabilities/meltdown', 'utf8').trim();
  } catch {
    return 'unknown';
  }
}

async function main() {
  const url = process.argv[2] ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const cpu = cpus();
  const roundTrip = await roundTripUs(url);
  const parts = [
    `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores`,
    `load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `a JavaScript loop ${loopMs().toFixed(0)} ms`,
    `write(2) ${(writeNs() / 1000).toFixed(2)} µs`,
    `SELECT 1 round trip ${roundTrip === undefined ? 'n/a (no PostgreSQL)' : `${roundTrip.toFixed(0)} µs`}`,
    `Meltdown: ${pageTableIsolation()}`,
  ];
  console.log(`machine: ${parts.join('; ')}`);
}

main().catch((error) => {
  console.log(`machine: not measured (${error instanceof Error ? error.message : String(error)})`);
});

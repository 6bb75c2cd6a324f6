// Where the machine's CPU went during a window, by program (Linux /proc): the hub's API and worker
// processes, PostgreSQL, Redis, the benchmark's own clients, and the machine's total (kernel time of
// interrupts and other programs included). On two cores an API figure is bounded by the CPU the
// whole machine spends per call, not by the API process alone; this says how it divides.
import { readFileSync, readdirSync } from 'node:fs';

export type Program = 'api' | 'worker' | 'postgres' | 'redis' | 'bench' | 'hub-primary';

export interface CpuSnapshot {
  // CPU milliseconds used so far, by process id (processes that exit between two snapshots are lost).
  processes: Map<number, { program: Program; ms: number }>;
  machineMs: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

function programOf(pid: number, comm: string): Program | undefined {
  if (pid === process.pid) return 'bench';
  if (comm.startsWith('postgres')) return 'postgres';
  if (comm.startsWith('redis-server')) return 'redis';
  if (comm !== 'node') return undefined;
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const script = argv.find((arg) => /dist\/(main|worker|hub)\.js$/.test(arg));
  if (!script) return undefined;
  if (script.endsWith('worker.js')) return 'worker';
  if (script.endsWith('main.js')) return 'api';
  // dist/hub.js (`npm start`): the primary forks its API and worker processes with their role in the environment.
  const role = /(?:^|\0)HUB_PROCESS_ROLE=(api|worker)(?:\0|$)/.exec(readFileSync(`/proc/${pid}/environ`, 'utf8'));
  return role ? (role[1] as Program) : 'hub-primary';
}

/** The CPU each program's processes and the whole machine have used so far. */
export function cpuSnapshot(): CpuSnapshot {
  const processes = new Map<number, { program: Program; ms: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const program = programOf(pid, comm);
      if (!program) continue;
      // Fields after the command: state is the first; utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      processes.set(pid, { program, ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS });
    } catch {
      // The process exited while it was read.
    }
  }
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system (idle iowait) irq softirq steal
  const machineMs = (cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7]) * TICK_MS;
  return { processes, machineMs };
}

/** CPU milliseconds per operation between two snapshots, by program and for the machine (`cpuMs.<program>`). */
export function cpuPerOperation(before: CpuSnapshot, after: CpuSnapshot, operations: number): Record<string, number> {
  const out: Record<string, number> = {};
  if (operations <= 0) return out;
  for (const [pid, now] of after.processes) {
    const used = now.ms - (before.processes.get(pid)?.ms ?? 0);
    out[`cpuMs.${now.program}`] = (out[`cpuMs.${now.program}`] ?? 0) + used / operations;
  }
  out['cpuMs.machine'] = (after.machineMs - before.machineMs) / operations;
  for (const key of Object.keys(out)) out[key] = Math.round(out[key] * 100) / 100;
  return out;
}

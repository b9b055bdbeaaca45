import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time by process on Linux (/proc), so a bench can say where a request's cost goes: the load generator
 * (this process), the hub process and the PostgreSQL processes serving the bench's database. Elsewhere (no
 * /proc) every figure is null.
 */
const TICK_MS = 10; // USER_HZ is 100 on every Linux this runs on

function ticksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0; // the process ended
  }
}

/** PostgreSQL backends connected to `database` (their title names it), plus the server's own processes under `serverPid`. */
function postgresPids(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.includes(` ${database} `)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Read-like and write-like system calls the process made so far (/proc/<pid>/io), 0 when unreadable. */
function syscallsOf(pid: number): number {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    return Number(/syscr: (\d+)/.exec(io)?.[1] ?? 0) + Number(/syscw: (\d+)/.exec(io)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export interface CpuSplit {
  loadGeneratorMs: number;
  hubMs: number;
  postgresMs: number;
  /** The hub's read and write system calls (sockets, the log). */
  hubSyscalls: number;
}

/** Starts counting; `stop()` answers the CPU milliseconds each side spent since (null without /proc). */
export function cpuSince(hubPid: number | undefined, database: string): { stop: () => CpuSplit | null } {
  let readable = true;
  try {
    readFileSync(`/proc/${process.pid}/stat`);
  } catch {
    readable = false;
  }
  if (!readable) return { stop: () => null };
  const own = process.cpuUsage();
  const hubStart = hubPid ? ticksOf(hubPid) : 0;
  const hubCallsStart = hubPid ? syscallsOf(hubPid) : 0;
  const pgStart = new Map(postgresPids(database).map((pid) => [pid, ticksOf(pid)]));
  return {
    stop() {
      const ownNow = process.cpuUsage(own);
      let pgTicks = 0;
      for (const pid of postgresPids(database)) pgTicks += ticksOf(pid) - (pgStart.get(pid) ?? 0);
      return {
        loadGeneratorMs: (ownNow.user + ownNow.system) / 1000,
        hubMs: hubPid ? (ticksOf(hubPid) - hubStart) * TICK_MS : 0,
        postgresMs: pgTicks * TICK_MS,
        hubSyscalls: hubPid ? syscallsOf(hubPid) - hubCallsStart : 0,
      };
    },
  };
}

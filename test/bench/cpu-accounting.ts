import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time by process on Linux (/proc), so a bench can say where a request's cost goes: the load generator
 * (this process), the hub process and the PostgreSQL processes serving the bench's database. Elsewhere (no
 * /proc) every figure is null.
 */
const TICK_MS = 10; // USER_HZ is 100 on every Linux this runs on

/** The fields of /proc/<pid>/stat after the process's name (the parent is [1], utime [11], stime [12]); null once it ended. */
function statOf(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

function ticksOf(pid: number): number {
  const fields = statOf(pid);
  return fields ? Number(fields[11]) + Number(fields[12]) : 0; // utime + stime; 0 once the process ended
}

/** Every process running now with its command line (one that ended meanwhile is left out). */
function processes(): Array<{ pid: number; cmdline: string }> {
  const found: Array<{ pid: number; cmdline: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      found.push({ pid: Number(entry), cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8') });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** PostgreSQL backends connected to `database` (their title names it). */
function postgresPids(database: string): number[] {
  return processes()
    .filter(({ cmdline }) => cmdline.startsWith('postgres: ') && cmdline.includes(` ${database} `))
    .map(({ pid }) => pid);
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

/** Busy and all CPU time of the whole machine so far (/proc/stat's first line), in ticks; null without /proc. */
function machineTicks(): { busy: number; all: number } | null {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/) ?? [];
    const values = fields.slice(0, 8).map(Number); // user nice system idle iowait irq softirq steal
    const all = values.reduce((sum, value) => sum + value, 0);
    return { busy: all - (values[3] ?? 0) - (values[4] ?? 0), all };
  } catch {
    return null;
  }
}

/** This process's descendants whose command line matches (the Chromium it launched, not another run's), by pid. */
function descendantsMatching(test: (cmdline: string) => boolean): Map<number, string> {
  const running = processes();
  const parentOf = new Map(running.map(({ pid }) => [pid, Number(statOf(pid)?.[1] ?? 0)]));
  const descends = (pid: number): boolean => {
    for (let at = parentOf.get(pid), hops = 0; at !== undefined && at > 1 && hops < 64; at = parentOf.get(at), hops++) if (at === process.pid) return true;
    return false;
  };
  return new Map(running.filter(({ pid, cmdline }) => test(cmdline) && descends(pid)).map(({ pid, cmdline }) => [pid, cmdline]));
}

/** A Chromium process's kind: its --type (renderer, gpu-process, the storage service that runs IndexedDB …), or browser. */
function chromiumKind(cmdline: string): string {
  const type = /--type=([^\s\0]+)/.exec(cmdline)?.[1];
  const service = /--utility-sub-type=([^\s\0]+)/.exec(cmdline)?.[1];
  return service ? service.replace(/\.mojom\./, ' ').split(' ')[0] ?? 'utility' : (type ?? 'browser');
}

export interface MachineCpu {
  /** CPU milliseconds the whole machine was busy (every process, every core). */
  busyMs: number;
  /** How many cores' worth that was over the stretch's wall time (2 = both cores busy throughout). */
  coresBusy: number;
  /** Of it: this run's Chromium (renderer, browser, GPU processes), the hub, this process (main's stand-in and the harness), PostgreSQL. */
  chromiumMs: number;
  /** Chromium's share by process: renderer (the page: scripts, layout, paint), gpu-process (raster: software here), network, storage (IndexedDB), browser. */
  chromiumByKind: Record<string, number>;
  hubMs: number;
  benchMs: number;
  postgresMs: number;
}

/**
 * Counts the whole machine's CPU from now until `stop()`: a stretch of work cannot take less wall time than its CPU
 * time divided by the cores, so on a quiet machine `busyMs / cores` is the floor of that stretch here.
 */
export function machineCpuSince(hubPid: number | undefined, database: string): { stop: () => MachineCpu | null } {
  const start = machineTicks();
  if (!start) return { stop: () => null };
  const startedAt = Date.now();
  const isChromium = (cmdline: string) => cmdline.includes('chromium');
  const chromiumStart = new Map([...descendantsMatching(isChromium).keys()].map((pid) => [pid, ticksOf(pid)]));
  const split = cpuSince(hubPid, database);
  return {
    stop() {
      const end = machineTicks();
      const parts = split.stop();
      if (!end || !parts) return null;
      let chromiumTicks = 0;
      const chromiumByKind: Record<string, number> = {};
      for (const [pid, cmdline] of descendantsMatching(isChromium)) {
        const ticks = ticksOf(pid) - (chromiumStart.get(pid) ?? 0);
        chromiumTicks += ticks;
        const kind = chromiumKind(cmdline);
        chromiumByKind[kind] = (chromiumByKind[kind] ?? 0) + ticks * TICK_MS;
      }
      const busyMs = (end.busy - start.busy) * TICK_MS;
      return {
        busyMs,
        coresBusy: busyMs / Math.max(1, Date.now() - startedAt),
        chromiumMs: chromiumTicks * TICK_MS,
        chromiumByKind,
        hubMs: parts.hubMs,
        benchMs: parts.loadGeneratorMs,
        postgresMs: parts.postgresMs,
      };
    },
  };
}

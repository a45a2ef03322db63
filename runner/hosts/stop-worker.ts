import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';

/**
 * How long a worker's terminate() may take before its thread is taken to be
 * blocked outside JavaScript. A thread running JavaScript stops in
 * milliseconds; one waiting on a process it started (spawnSync, execSync)
 * does not stop until that process ends, so past this the processes its
 * thread started are killed.
 */
export const STOP_GRACE_MS = 1000;

/**
 * Workers whose thread could not be stopped: blocked in native code or a
 * system call, which a worker cannot be interrupted in. The process cannot
 * end by exiting while one lives (Node waits for every worker thread at exit).
 */
const wedged = new Set<Worker>();

/** How many workers of this process could not be stopped (see {@link stopWorker}). */
export function wedgedWorkers(): number {
  return wedged.size;
}

/** The thread id the worker wrote into its cell as it started (Linux: from /proc/thread-self), or 0. */
export function threadIdHere(): number {
  try {
    const id = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(id) && id > 0 ? id : 0;
  } catch {
    return 0;
  }
}

const childrenOf = (path: string): number[] => {
  try {
    return readFileSync(path, 'utf8')
      .split(/\s+/)
      .filter((x) => /^\d+$/.test(x))
      .map(Number);
  } catch {
    return [];
  }
};

/** Every process that descends from `pid`, through any of its threads (Linux: /proc/PID/task/TID/children). */
function descendants(pid: number, seen: Set<number>): void {
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const t of tasks) {
    for (const c of childrenOf(`/proc/${pid}/task/${t}/children`)) {
      if (seen.has(c)) continue;
      seen.add(c);
      descendants(c, seen);
    }
  }
}

/**
 * Kills every process the thread `tid` of this process started, and their
 * descendants: a worker blocked waiting for one (spawnSync of a program that
 * never ends) is released, and then stops. Not the main thread's: a thread id
 * the codec wrote there is not trusted that far.
 */
function killThreadChildren(tid: number): void {
  if (tid <= 0 || tid === process.pid) return;
  const all = new Set<number>();
  for (const c of childrenOf(`/proc/self/task/${tid}/children`)) {
    all.add(c);
    descendants(c, all);
  }
  for (const pid of all) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

/** `p` settled within `ms`. */
const within = (p: Promise<unknown>, ms: number) =>
  new Promise<boolean>((done) => {
    const timer = setTimeout(() => done(false), ms);
    void p.then(() => {
      clearTimeout(timer);
      done(true);
    });
  });

/**
 * Terminates `worker`, within `limitMs`: past {@link STOP_GRACE_MS}, the
 * processes its thread (`thread`: the cell it wrote its thread id into)
 * started are killed, which releases a thread waiting for one. Resolves
 * false when it has still not stopped by `limitMs`: then it is given up on
 * (unref'd, counted by {@link wedgedWorkers}), never waited for again.
 */
export async function stopWorker(worker: Worker, limitMs: number, thread?: Int32Array): Promise<boolean> {
  const stopped = worker.terminate().then(
    () => true,
    () => true,
  );
  if (await within(stopped, Math.min(STOP_GRACE_MS, limitMs))) return true;
  killThreadChildren(thread ? Atomics.load(thread, 0) : 0);
  if (await within(stopped, Math.max(0, limitMs - STOP_GRACE_MS))) return true;
  wedged.add(worker);
  worker.unref();
  // should it stop after all (the call it was blocked in returned), it no longer counts
  void stopped.then(() => wedged.delete(worker));
  return false;
}

/**
 * The worker thread an isolated adapter runs in: the only place that imports
 * it. It loads the adapter, checks its shape, runs its setup, says what the
 * adapter is, then answers batches of calls one call at a time. Before each
 * call it writes the call's sequence number to the shared progress cell, so
 * the host can tell which call hangs without a message per call; what a call
 * leaves behind (an unhandled rejection) is sent with its answer. The verdict
 * is never decided here: the codec may have changed anything in this thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { importAdapter, type AdapterSource } from '../../adapters/loader.js';
import { ConformanceError } from '../../adapters/errors.js';
import type { Adapter } from '../../adapters/contract.js';
import { describeAdapter } from './host.js';
import { reasonList } from '../../spec/index.js';
import type { FromWorker, ToWorker, WorkerCall, WorkerCallResult } from './worker-protocol.js';
import { snapshot, snapshotArgs } from './snapshot.js';
import { sendError } from './wire-values.js';
import { threadIdHere } from './stop-worker.js';

/** What the host gives the worker. */
export interface WorkerInit {
  source: AdapterSource;
  extend: string[];
  /** Int32 cells: [0] the sequence number of the call in flight (0: none). */
  progress: SharedArrayBuffer;
  /** One Int32 cell, this worker's own: its thread id, written before the adapter is imported (0: unknown). */
  thread: SharedArrayBuffer;
}

/** Characters, bytes and entries a batch's answers may hold in all before the rest of it waits (a correct codec's batch holds a few MB). */
const BATCH_MAX_SIZE = 64 * 1024 * 1024;

const port = parentPort!;
const init = workerData as WorkerInit;
const progress = new Int32Array(init.progress);
const { store } = Atomics;
// Whose processes to kill should this thread block in a wait for one (stop-worker.ts): said before any codec code runs.
store(new Int32Array(init.thread), 0, threadIdHere());
const now = performance.now.bind(performance);
const post = (m: FromWorker) => port.postMessage(m);
let incidents: { text: string; restart: boolean }[] = [];
const text = (e: unknown) => {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch {
    return 'a value that cannot be described';
  }
};

process.on('unhandledRejection', (e) => void incidents.push({ text: `left a promise rejection unhandled: ${text(e)}`, restart: true }));

function safeSendError(e: unknown): ReturnType<typeof sendError> {
  try {
    return sendError(e);
  } catch (inner) {
    return { isError: false, value: `a thrown value that cannot be read (${text(inner)})` };
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

async function callOne(adapter: Adapter, c: WorkerCall): Promise<WorkerCallResult> {
  const fn = (adapter.reject as Record<string, unknown>)[c.op] as ((...a: unknown[]) => unknown) | undefined;
  store(progress, 0, c.seq);
  const started = now();
  let result: WorkerCallResult;
  try {
    const value = await fn!.apply(adapter.reject, c.args);
    const ms = now() - started;
    // Reading the value is not part of the call: what cannot be read cannot be judged, and is never a refusal.
    const read = snapshot(value);
    result = read.ok
      ? { seq: c.seq, ms, size: read.size, outcome: { kind: 'returned', value: read.value } }
      : { seq: c.seq, ms, outcome: { kind: 'unreadable', reason: read.reason } };
  } catch (e) {
    result = { seq: c.seq, ms: now() - started, outcome: { kind: 'threw', error: safeSendError(e) } };
  }
  if (c.watch) result.argsAfter = snapshotArgs(c.args);
  await settle();
  store(progress, 0, 0);
  if (incidents.length > 0) result.incidents = incidents.splice(0);
  return result;
}

async function main(): Promise<void> {
  let adapter: Adapter;
  try {
    const imported = await importAdapter(init.source, reasonList(init.extend));
    if ('exec' in imported) return post({ type: 'exec', exec: imported.exec });
    adapter = imported.adapter;
  } catch (e) {
    const code = e instanceof ConformanceError ? e.code : 'adapter_load';
    return post({
      type: 'load-failed',
      code,
      message: e instanceof ConformanceError ? e.message : `adapter ${init.source.specifier} failed to load: ${text(e)}`,
    });
  }
  const described = describeAdapter(adapter);
  try {
    await adapter.setup?.();
  } catch (e) {
    return post({ type: 'setup-failed', message: `setup threw: ${text(e)}` });
  }
  incidents = [];
  post({ type: 'ready', adapter: described });
  port.on('message', async (m: ToWorker) => {
    if (m.type === 'teardown') {
      try {
        await adapter.teardown?.();
        post({ type: 'torn-down' });
      } catch (e) {
        post({ type: 'torn-down', warning: `teardown threw: ${text(e)}` });
      }
      return;
    }
    // A batch's answers cross in one message: past BATCH_MAX_SIZE in all, the rest waits for the next batch.
    const results: WorkerCallResult[] = [];
    let size = 0;
    for (const c of m.calls) {
      const r = await callOne(adapter, c);
      results.push(r);
      size += r.size ?? 0;
      if (size > BATCH_MAX_SIZE && results.length < m.calls.length) return post({ type: 'results', results, partial: true });
    }
    post({ type: 'results', results });
  });
}

main().catch((e) =>
  post({ type: 'load-failed', code: 'adapter_load', message: `adapter ${init.source.specifier} failed to load: ${text(e)}` }),
);

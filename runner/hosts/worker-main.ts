/**
 * The worker thread an isolated adapter runs in. It loads the adapter, runs
 * its setup, then answers calls; what the codec does beyond a call (writes to
 * stdout, leaves a rejection unhandled) is sent with the answer, so it is
 * charged to the call that caused it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Operation } from '../../adapters/contract.js';
import { loadAdapter } from '../../adapters/loader.js';
import { reasonList } from '../../spec/index.js';
import { sendError, sendValue } from './wire-values.js';

export interface WorkerInit { specifier: string; cwd: string; extend: string[] }
export type ToWorker = { type: 'call'; id: number; op: Operation; args: unknown[]; watch: boolean } | { type: 'teardown' };

const port = parentPort!;
const init = workerData as WorkerInit;
const incidents: { text: string; restart: boolean }[] = [];
const text = (e: unknown) => (e instanceof Error ? e.message : String(e));

// stdout is the channel a subprocess codec answers on; here, writing to it is noise charged to the call.
const noisy = (chunk: unknown) => {
  incidents.push({ text: `wrote to stdout: ${JSON.stringify(String(chunk).slice(0, 120))}`, restart: false });
  return true;
};
process.stdout.write = noisy as typeof process.stdout.write;
process.on('unhandledRejection', (e) => void incidents.push({ text: `left a promise rejection unhandled: ${text(e)}`, restart: true }));

const settle = () => new Promise((resolve) => setImmediate(resolve));

async function main(): Promise<void> {
  const { adapter } = await loadAdapter(init.specifier, { cwd: init.cwd, reasons: reasonList(init.extend) });
  try {
    await adapter.setup?.();
  } catch (e) {
    port.postMessage({ type: 'setup-failed', message: `setup threw: ${text(e)}` });
    return;
  }
  port.postMessage({ type: 'ready' });
  port.on('message', async (m: ToWorker) => {
    if (m.type === 'teardown') {
      try {
        await adapter.teardown?.();
        port.postMessage({ type: 'torn-down' });
      } catch (e) {
        port.postMessage({ type: 'torn-down', warning: `teardown threw: ${text(e)}` });
      }
      return;
    }
    const fn = adapter.reject[m.op] as ((...a: unknown[]) => unknown) | undefined;
    let outcome;
    try {
      outcome = { kind: 'returned', value: sendValue(await fn!.apply(adapter.reject, m.args)) };
    } catch (e) {
      outcome = { kind: 'threw', error: sendError(e) };
    }
    await settle();
    port.postMessage({ type: 'result', id: m.id, outcome, ...(m.watch ? { argsAfter: sendValue(m.args) } : {}), incidents: incidents.splice(0) });
  });
}

main().catch((e) => port.postMessage({ type: 'setup-failed', message: `failed to load: ${text(e)}` }));

import type { AdapterSource, LoadedAdapter } from '../../adapters/loader.js';
import type { ExecSpec } from '../../adapters/exec.js';
import type { ReasonList } from '../../spec/index.js';
import type { CodecHost, HostedAdapter } from './host.js';
import { ExecHost } from './exec-host.js';
import { InProcessHost } from './in-process.js';
import { ExecRedirect, WorkerHost } from './worker-host.js';

/** How a host is bounded, and where it runs the codec. */
export interface HostLimits {
  timeoutMs: number;
  startTimeoutMs: number;
  memoryMb: number;
  /** In a worker thread (adapters loaded from a module or built in); else in this process. */
  isolation: boolean;
  reasons: ReasonList;
}

/**
 * Starts the host `source` runs in (a subprocess for an `exec:` adapter or a
 * module that names one, a worker thread under isolation, else this
 * process) and returns it with what the adapter says it is. Under isolation
 * this process never imports the adapter: the worker does. Throws a
 * ConformanceError when the adapter does not start.
 */
export async function startHost(
  source: AdapterSource | LoadedAdapter,
  limits: HostLimits,
): Promise<{ host: CodecHost; described: HostedAdapter }> {
  const { specifier } = source;
  const { timeoutMs, startTimeoutMs, memoryMb, reasons } = limits;
  const given = 'adapter' in source ? source.adapter : undefined;
  const exec = (spec: ExecSpec) => new ExecHost(spec, specifier, timeoutMs, () => true, startTimeoutMs);
  const where: AdapterSource = {
    specifier,
    cwd: source.cwd ?? process.cwd(),
    ...(source.file !== undefined ? { file: source.file } : {}),
    ...(source.builtin ? { builtin: true } : {}),
  };
  let host: CodecHost = source.exec
    ? exec(source.exec)
    : limits.isolation && (where.builtin || where.file !== undefined)
      ? new WorkerHost(where, [...reasons.extended], { timeoutMs, startTimeoutMs, memoryMb })
      : new InProcessHost(given ? { adapter: given } : { source: where, reasons }, specifier, timeoutMs, startTimeoutMs);
  try {
    return { host, described: await host.start() };
  } catch (e) {
    if (!(e instanceof ExecRedirect)) throw e;
    host = exec(e.exec);
    return { host, described: await host.start() };
  }
}

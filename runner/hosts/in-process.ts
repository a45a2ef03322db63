import type { Adapter, Operation } from '../../adapters/contract.js';
import { ConformanceError } from '../../adapters/errors.js';
import type { Outcome } from '../../suites/index.js';
import { bounded } from '../codec-caller.js';
import { missingOp, outcomeWords, type CodecHost, type Restart } from './host.js';

/**
 * The codec in this process (`--no-isolation`): fastest, but a codec that
 * blocks the event loop or ends the process takes the run with it.
 */
export class InProcessHost implements CodecHost {
  readonly isolation = 'in-process';
  currentCheck = '';
  readonly restarts: Restart[] = [];
  readonly stderr: string[] = [];

  constructor(private readonly adapter: Adapter, private readonly specifier: string, private readonly timeoutMs: number) {}

  private callAs(op: Operation, args: unknown[]): Promise<Outcome> {
    const fn = this.adapter.reject[op] as ((...a: unknown[]) => unknown) | undefined;
    if (!fn) return Promise.resolve(missingOp(op));
    return bounded(() => fn.apply(this.adapter.reject, args), this.timeoutMs);
  }

  call = (op: Operation, ...args: unknown[]) => this.callAs(op, structuredClone(args));

  callWatching = async (op: Operation, ...args: unknown[]) => {
    const own = structuredClone(args);
    return { outcome: await this.callAs(op, own), argsAfter: own };
  };

  async start(): Promise<void> {
    if (!this.adapter.setup) return;
    const out = await bounded(() => this.adapter.setup!(), this.timeoutMs * 5);
    if (out.kind === 'returned') return;
    const warnings = await this.stop();
    throw new ConformanceError('adapter_setup', `adapter ${this.specifier}: setup ${outcomeWords(out)}${warnings.length ? ` (${warnings.join('; ')})` : ''}`);
  }

  async stop(): Promise<string[]> {
    if (!this.adapter.teardown) return [];
    const out = await bounded(() => this.adapter.teardown!(), this.timeoutMs * 5);
    return out.kind === 'returned' ? [] : [`teardown ${outcomeWords(out)}`];
  }
}

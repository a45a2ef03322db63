import type { Operation } from '../../adapters/contract.js';
import type { Outcome } from '../../suites/index.js';

/**
 * The suspect limit's floor: a call is stopped and tried again after this
 * long at the earliest (a correct codec answers in microseconds to
 * milliseconds; a call held up longer by the machine is confirmed, not failed).
 */
export const SUSPECT_FLOOR_MS = 250;
/** The suspect limit is at least this many times the slowest recent call. */
export const SUSPECT_FACTOR = 10;
/**
 * How many suspects of one operation may be forgiven (stopped, then answered
 * when tried again alone) in a run. A machine that holds a call up does so
 * now and then; a codec whose calls hang depending on what ran before (every
 * fifth call, a filling buffer) answers in the fresh worker every time. Past
 * this many, the operation's calls are held to the full limit, and a call
 * past it is a hang without a second try.
 */
export const FORGIVE_LIMIT = 3;
/** How many recent call durations the suspect limit looks at. */
const RECENT = 256;

/** A call that passed its limit: which, the limit, and how long it had run when it was stopped. */
export interface Suspect {
  seq: number;
  limitMs: number;
  measuredMs: number;
}

/**
 * Decides when a call has hung, and what that costs (both isolated hosts). A call is
 * suspected after the suspect limit (the larger of {@link SUSPECT_FLOOR_MS}
 * and {@link SUSPECT_FACTOR} times the slowest recent call, never more than
 * the full limit); a suspect is tried again alone in a fresh worker under the
 * full limit, and only a call that hangs there too is a hang (confirmed).
 * Once an operation has a confirmed hang, later suspects of that operation
 * count as hangs without a second confirmation (the run fails already, and
 * each confirmation costs the full limit), and a call that hung is not
 * called again with the same input: shrinking and replays get its outcome.
 */
export class HangPolicy {
  private durations: number[] = [];
  private readonly hungIn = new Map<Operation, string>();
  private readonly memo = new Map<string, Outcome>();
  private readonly forgiven = new Map<Operation, number>();

  constructor(readonly fullMs: number) {}

  /** A suspect of `op` answered when it was tried again alone: it was not a hang, this time. */
  forgive(op: Operation): void {
    this.forgiven.set(op, (this.forgiven.get(op) ?? 0) + 1);
  }

  /** Whether `op` has used up its forgiven suspects: its calls are held to the full limit. */
  private patient(op: Operation): boolean {
    return (this.forgiven.get(op) ?? 0) >= FORGIVE_LIMIT;
  }

  /** The limit a call of `op` is suspected after. */
  suspectMs(op?: Operation): number {
    if (op !== undefined && this.patient(op)) return this.fullMs;
    let slowest = 0;
    for (const d of this.durations) if (d > slowest) slowest = d;
    return Math.min(this.fullMs, Math.max(SUSPECT_FLOOR_MS, Math.ceil(SUSPECT_FACTOR * slowest)));
  }

  /** A call answered after `ms` (measured where it ran). */
  saw(ms: number): void {
    this.durations.push(ms);
    if (this.durations.length > RECENT) this.durations.shift();
  }

  /** The outcome a call that passed its limit gets now, or undefined when it is to be confirmed first. */
  verdict(op: Operation, s: Suspect, confirming: boolean, check: string): Outcome | undefined {
    let outcome: Outcome;
    if (confirming) {
      this.hungIn.set(op, check);
      outcome = { kind: 'timeout', ms: s.limitMs, measuredMs: s.measuredMs, confirmed: true };
    } else if (this.patient(op)) {
      outcome = {
        kind: 'timeout',
        ms: s.limitMs,
        measuredMs: s.measuredMs,
        confirmed: false,
        note: `not tried again: ${this.forgiven.get(op)} earlier calls of ${op} passed the suspect limit and answered only when tried alone in a fresh codec, so its calls are held to the full limit`,
      };
    } else if (this.hungIn.has(op)) {
      outcome = {
        kind: 'timeout',
        ms: s.limitMs,
        measuredMs: s.measuredMs,
        confirmed: false,
        note: `not confirmed again: ${op} already hung for the full ${this.fullMs} ms in ${this.hungIn.get(op)}`,
      };
    } else return undefined;
    return outcome;
  }

  /** Remembers that `op` with `args` hung, so it is not called with them again. */
  remember(op: Operation, args: unknown[], outcome: Outcome): void {
    const key = keyOf(op, args);
    if (key !== undefined) this.memo.set(key, outcome);
  }

  /** The outcome of an earlier identical call that hung, if any. */
  known(op: Operation, args: unknown[]): Outcome | undefined {
    if (this.memo.size === 0) return undefined;
    const key = keyOf(op, args);
    const known = key === undefined ? undefined : this.memo.get(key);
    return known ? ({ ...known, again: true } as Outcome) : undefined;
  }
}

/** Watches a worker's progress cell while a batch is in flight, and reports the call that passes its limit. */
export class HangWatch {
  private timer: NodeJS.Timeout | undefined;
  private lastSeq = -1;
  private since = 0;

  constructor(
    readonly policy: HangPolicy,
    private readonly cells: Int32Array,
    private readonly onSuspect: (s: Suspect) => void,
    /** The limit of the call with this sequence number. */
    private readonly limitOf: (seq: number) => number,
  ) {}

  /**
   * Watches a batch just sent, whose calls have the sequence numbers `first`
   * to `last`. Only a call the batch has not reached yet counts as progress:
   * the cell is shared memory the codec's thread can write, so a codec that
   * keeps writing to it can delay the verdict by at most one limit per call
   * of the batch, never forever.
   */
  start(first: number, last: number): void {
    this.stop();
    this.lastSeq = first - 1;
    this.since = performance.now();
    const poll = Math.max(10, Math.min(100, Math.floor(this.policy.suspectMs() / 5)));
    this.timer = setInterval(() => {
      const seq = Atomics.load(this.cells, 0);
      const now = performance.now();
      if (seq > this.lastSeq && seq <= last) {
        this.lastSeq = seq;
        this.since = now;
        return;
      }
      // Between calls (0) the worker only settles a call's leftovers: the full limit.
      const held = seq === this.lastSeq ? this.limitOf(seq) : this.policy.fullMs;
      if (now - this.since > held) {
        this.stop();
        this.onSuspect({ seq: seq === this.lastSeq ? seq : 0, limitMs: held, measuredMs: Math.round(now - this.since) });
      }
    }, poll);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

function keyOf(op: Operation, args: unknown[]): string | undefined {
  try {
    return `${op}:${JSON.stringify(args, (_k, v: unknown) => (v instanceof Uint8Array ? `bytes:${Buffer.from(v).toString('base64')}` : v))}`;
  } catch {
    return undefined;
  }
}

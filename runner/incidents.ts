import type { Operation } from '../adapters/contract.js';
import type { CodecCaller, Finding, Outcome } from '../suites/index.js';
import { incidentFinding } from '../suites/_internals/outcome.js';

/** Calls in a row that hung or crashed before the run stops calling the codec. */
export const INCIDENT_STREAK_LIMIT = 6;

/**
 * Counts hangs and crashes in a row, per operation, across the run: an
 * operation that answers nothing is not called forever (each hang costs a
 * timeout and a restart).
 */
export class IncidentStreak {
  private counts = new Map<Operation, number>();
  tripped(ops: readonly Operation[]): Operation | undefined {
    return ops.find((op) => (this.counts.get(op) ?? 0) >= INCIDENT_STREAK_LIMIT);
  }
  see(op: Operation, outcome: Outcome): void {
    this.counts.set(op, outcome.kind === 'timeout' || outcome.kind === 'crashed' ? (this.counts.get(op) ?? 0) + 1 : 0);
  }
}

/**
 * `codec` with every hang or crash noted in `found`: whatever a check makes of
 * such a call, the case fails for it (CONTRACT.md: no function may hang or
 * end the process).
 */
export function watchIncidents(codec: CodecCaller, found: Finding[], streak: IncidentStreak): CodecCaller {
  const note = (op: Operation, outcome: Outcome) => {
    streak.see(op, outcome);
    const f = incidentFinding(op, outcome);
    if (f) found.push(f);
  };
  return {
    async call(op, ...args) {
      const outcome = await codec.call(op, ...args);
      note(op, outcome);
      return outcome;
    },
    async callWatching(op, ...args) {
      const r = await codec.callWatching(op, ...args);
      note(op, r.outcome);
      return r;
    },
  };
}

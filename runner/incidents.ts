import type { Operation } from '../adapters/contract.js';
import { incidentFinding, type CodecCaller, type Finding, type Outcome } from '../suites/index.js';

/** Calls in a row that hung or crashed before the run stops calling the codec. */
export const INCIDENT_STREAK_LIMIT = 6;

/** Milliseconds of hangs one operation may cost a run before the checks still needing it fail without calling it. */
export const HANG_BUDGET_MS = 10_000;

/** What watches a codec's calls for incidents. */
export interface IncidentCounter {
  see(op: Operation, outcome: Outcome): void;
}

/**
 * Counts hangs and crashes per operation, across the run: an operation that
 * answers nothing is not called forever. It is given up on after
 * {@link INCIDENT_STREAK_LIMIT} hangs or crashes in a row, or once its hangs
 * have cost {@link HANG_BUDGET_MS} in all (a codec that hangs on one call in
 * five is reported in seconds, not minutes).
 */
export class IncidentStreak implements IncidentCounter {
  private counts = new Map<Operation, number>();
  private hungMs = new Map<Operation, number>();
  tripped(ops: readonly Operation[]): Operation | undefined {
    return ops.find((op) => (this.counts.get(op) ?? 0) >= INCIDENT_STREAK_LIMIT || (this.hungMs.get(op) ?? 0) >= HANG_BUDGET_MS);
  }
  /** Why `op` was given up on. */
  why(op: Operation): string {
    return (this.hungMs.get(op) ?? 0) >= HANG_BUDGET_MS
      ? `its hangs have cost the run ${Math.round(this.hungMs.get(op)!)} ms, past the budget of ${HANG_BUDGET_MS} ms`
      : `the last ${INCIDENT_STREAK_LIMIT} calls of ${op} all hung or crashed`;
  }
  see(op: Operation, outcome: Outcome): void {
    this.spend(op, outcome);
    this.counts.set(op, outcome.kind === 'timeout' || outcome.kind === 'crashed' ? (this.counts.get(op) ?? 0) + 1 : 0);
  }
  /** Counts what a hang cost, without counting calls in a row (cases run side by side have no order). */
  spend(op: Operation, outcome: Outcome): void {
    // An input that hung before is answered from memory: it costs nothing again.
    if (outcome.kind === 'timeout' && !outcome.again) this.hungMs.set(op, (this.hungMs.get(op) ?? 0) + (outcome.measuredMs ?? outcome.ms));
  }
}

/**
 * `codec` with every hang or crash noted in `found`: whatever a check makes of
 * such a call, the case fails for it (docs/contract.md: no function may hang or
 * end the process).
 */
export function watchIncidents(codec: CodecCaller, found: Finding[], streak: IncidentCounter): CodecCaller {
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

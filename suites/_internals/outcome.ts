import type { Operation } from '../../adapters/contract.js';
import { thrownText } from '../../spec/thrown.js';
import type { Finding, Outcome } from '../check.js';

/** A timeout's words: the limit, and whether it was confirmed. */
export function timeoutWords(outcome: Extract<Outcome, { kind: 'timeout' }>): string {
  const how = outcome.confirmed ? `; confirmed: it hung again when tried alone in a fresh codec` : outcome.note ? `; ${outcome.note}` : '';
  const measured = outcome.measuredMs !== undefined ? ` (stopped after ${outcome.measuredMs} ms${how})` : how ? ` (${how.slice(2)})` : '';
  return `did not return within ${outcome.ms} ms${measured}`;
}

/** The finding for a returned value that cannot be judged. */
export function unreadableFinding(op: string, reason: string): Finding {
  return {
    code: 'unreadable_value',
    message: `${op} returned a value that cannot be judged: ${reason}`,
    expected: 'a value that can be read and copied (plain data)',
  };
}

/** The value a call returned, or the finding that it threw or hung. */
export function returnedValue(outcome: Outcome, op: Operation, expected: string): { value: unknown } | { finding: Finding } {
  if (outcome.kind === 'returned') return { value: outcome.value };
  if (outcome.kind === 'timeout') {
    return { finding: { code: 'timeout', message: `${op} ${timeoutWords(outcome)}`, expected } };
  }
  if (outcome.kind === 'crashed') return { finding: crashFinding(op, outcome.reason) };
  if (outcome.kind === 'unreadable') return { finding: unreadableFinding(op, outcome.reason) };
  return {
    finding: {
      code: 'threw',
      message: `${op} threw on a valid input: ${thrownText(outcome.error)}`,
      expected,
      received: thrownText(outcome.error),
    },
  };
}

/** Undefined when the call refused (threw), else the finding that it did not. */
export function refusal(outcome: Outcome, op: Operation, what: string): Finding | undefined {
  if (outcome.kind === 'threw') return undefined;
  if (outcome.kind === 'timeout') {
    return { code: 'timeout', message: `${op} ${timeoutWords(outcome)} on ${what}`, expected: 'a throw' };
  }
  if (outcome.kind === 'crashed') return crashFinding(op, outcome.reason);
  // A value that cannot be read is a returned value, never a refusal.
  if (outcome.kind === 'unreadable') return unreadableFinding(op, outcome.reason);
  return {
    code: 'accepted_invalid',
    message: `${op} accepted ${what} instead of throwing`,
    expected: 'a throw (or a rejected Promise)',
    received: outcome.value,
  };
}

/** The finding for a codec that misbehaved beyond its call (docs/contract.md: no function may hang or end the process). */
export function crashFinding(op: string, reason: string): Finding {
  return { code: 'crashed', message: `${op}: the codec ${reason}`, expected: 'a return or a throw, nothing else' };
}

/**
 * The finding for a call that misbehaved (hung, crashed, or returned what
 * cannot be judged), if it did: whatever a check makes of such a call, the
 * case fails for it.
 */
export function incidentFinding(op: string, outcome: Outcome): Finding | undefined {
  if (outcome.kind === 'timeout')
    return { code: 'timeout', message: `${op} ${timeoutWords(outcome)}`, expected: 'a return or a throw within the timeout' };
  if (outcome.kind === 'crashed') return crashFinding(op, outcome.reason);
  if (outcome.kind === 'unreadable') return unreadableFinding(op, outcome.reason);
  return undefined;
}

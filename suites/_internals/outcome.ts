import type { Operation } from '../../adapters/contract.js';
import { describeValue } from '../../spec/index.js';
import type { Finding, Outcome } from '../check.js';

/** The text of whatever was thrown. */
export function thrownText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `${describeValue(error)} (not an Error)`;
}

/** The value a call returned, or the finding that it threw or hung. */
export function returnedValue(outcome: Outcome, op: Operation, expected: string): { value: unknown } | { finding: Finding } {
  if (outcome.kind === 'returned') return { value: outcome.value };
  if (outcome.kind === 'timeout') {
    return { finding: { code: 'timeout', message: `${op} did not return within ${outcome.ms} ms`, expected } };
  }
  if (outcome.kind === 'crashed') return { finding: crashFinding(op, outcome.reason) };
  return {
    finding: { code: 'threw', message: `${op} threw on a valid input: ${thrownText(outcome.error)}`, expected, received: thrownText(outcome.error) },
  };
}

/** Undefined when the call refused (threw), else the finding that it did not. */
export function refusal(outcome: Outcome, op: Operation, what: string): Finding | undefined {
  if (outcome.kind === 'threw') return undefined;
  if (outcome.kind === 'timeout') {
    return { code: 'timeout', message: `${op} did not return within ${outcome.ms} ms on ${what}`, expected: 'a throw' };
  }
  if (outcome.kind === 'crashed') return crashFinding(op, outcome.reason);
  return {
    code: 'accepted_invalid',
    message: `${op} accepted ${what} instead of throwing`,
    expected: 'a throw (or a rejected Promise)',
    received: outcome.value,
  };
}

/** The finding for a codec that misbehaved beyond its call (CONTRACT.md: no function may hang or end the process). */
export function crashFinding(op: string, reason: string): Finding {
  return { code: 'crashed', message: `${op}: the codec ${reason}`, expected: 'a return or a throw, nothing else' };
}

/** The finding for a call that misbehaved (hung or crashed), if it did. */
export function incidentFinding(op: string, outcome: Outcome): Finding | undefined {
  if (outcome.kind === 'timeout') return { code: 'timeout', message: `${op} did not return within ${outcome.ms} ms`, expected: 'a return or a throw within the timeout' };
  if (outcome.kind === 'crashed') return crashFinding(op, outcome.reason);
  return undefined;
}

/** Whether a thrown value is an Error, also one from another realm. */
export function isErrorLike(e: unknown): e is Error {
  return e instanceof Error || Object.prototype.toString.call(e) === '[object Error]';
}

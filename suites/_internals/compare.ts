import { ATTRIBUTES, attributeLabel, describeValue, type CallReject, type ReasonList } from '../../spec/index.js';
import type { Finding } from '../check.js';

/**
 * Absent is a missing key or `undefined`; `null` and `""` are values
 * (docs/contract.md). Read as a property, so a class instance with getters reads
 * as what it says; a getter that throws reads as what it threw.
 */
const valueOf = (m: Record<string, unknown>, key: string): unknown => {
  try {
    return m[key];
  } catch (e) {
    return `<${key} getter threw: ${e instanceof Error ? e.message : String(e)}>`;
  }
};

/** The message without an absent reason, for showing. */
export function normalMessage(m: CallReject): CallReject {
  const { reason, ...rest } = m;
  return reason === undefined ? rest : { ...rest, reason };
}

/** Undefined when `received` holds exactly `expected` (extra keys ignored); else a finding naming the first field that differs. */
export function compareMessages(expected: CallReject, received: unknown): Finding | undefined {
  if (typeof received !== 'object' || received === null) {
    return {
      code: 'wrong_output_type',
      message: `decode returned ${describeValue(received)}, expected a CallReject object`,
      expected: normalMessage(expected),
      received,
    };
  }
  for (const a of ATTRIBUTES) {
    const want = valueOf(expected as unknown as Record<string, unknown>, a.field);
    const got = valueOf(received as Record<string, unknown>, a.field);
    if (want !== got) {
      const what = want === undefined ? 'absent' : describeValue(want);
      return {
        code: 'mismatch',
        message: `${a.field} (${attributeLabel(a)}): expected ${what}, received ${got === undefined ? 'absent' : describeValue(got)}`,
        expected: normalMessage(expected),
        received,
      };
    }
  }
  return undefined;
}

/**
 * Whether a codec may refuse this message under a reading the page leaves
 * open: its reason is outside declined/busy, and the page asks whether reject
 * uses the full enum or only that subset.
 */
export function mayRefuse(m: { reason?: string | undefined }, reasons: ReasonList): boolean {
  return m.reason !== undefined && !reasons.onReject.includes(m.reason);
}

/** What a check that lets a codec refuse under that reading ({@link mayRefuse}) says it accepts. */
export const SUBSET_READING_ACCEPTED = 'a refusal of a reason other than declined or busy (the page asks whether reject uses only those)';

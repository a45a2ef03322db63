import type { Provenance } from './facts.js';

/** One value of enum:terminate-reasons, with where it was seen. */
export interface ReasonFact extends Provenance {
  readonly value: string;
  /** Seen on `<reject>` itself (the page or a real sender), not only on `<terminate>`. */
  readonly seenOnReject: boolean;
  readonly seen: string;
}

/**
 * enum:terminate-reasons, declared once. The page shares it between reject and
 * terminate and expects captures to extend it (see {@link reasonList}).
 */
export const TERMINATE_REASONS: readonly ReasonFact[] = [
  {
    value: 'declined',
    seenOnReject: true,
    confidence: 'probable',
    basis: 'page',
    seen: "the spec page's example and observed list (synthetic only; no real code sends it)",
  },
  { value: 'busy', seenOnReject: true, confidence: 'probable', basis: 'page', seen: 'the spec page; whatsapp-rust sends it on <reject>' },
  {
    value: 'timeout',
    seenOnReject: false,
    confidence: 'probable',
    basis: 'decision',
    seen: 'on <terminate>: Baileys maps it to a timeout status; whatsapp-rust',
  },
  {
    value: 'accepted_elsewhere',
    seenOnReject: false,
    confidence: 'probable',
    basis: 'decision',
    seen: 'on <terminate>: whatsapp-rust, WAHA',
  },
  {
    value: 'rejected_elsewhere',
    seenOnReject: false,
    confidence: 'probable',
    basis: 'decision',
    seen: 'on <terminate>: whatsapp-rust, WAHA',
  },
  { value: 'group_call_ended', seenOnReject: false, confidence: 'probable', basis: 'decision', seen: 'on <terminate>: whatsapp-rust' },
];

/** The reason vocabulary in force for one run: the shipped list plus the user's extension. */
export interface ReasonList {
  /** Every value a conforming stanza may carry. */
  readonly values: readonly string[];
  /**
   * Values seen on `<reject>` (declined, busy). The page asks whether reject
   * uses only these; a codec that refuses the others takes that reading and
   * is not faulted for it at the `must` level.
   */
  readonly onReject: readonly string[];
  /** Values the user added; shown in reports. */
  readonly extended: readonly string[];
}

/** The error raised for a reason extension that cannot be a reason. */
export class ReasonExtensionError extends Error {
  override name = 'ReasonExtensionError';
}

const REASON_SHAPE = /^[\x21-\x7e]+$/;

/**
 * The shipped list extended with `extend` (values a capture has shown). Each
 * extra value must be printable ASCII without spaces, like the shipped ones.
 */
export function reasonList(extend: readonly string[] = []): ReasonList {
  const shipped = TERMINATE_REASONS.map((r) => r.value);
  const extended: string[] = [];
  for (const value of extend) {
    if (typeof value !== 'string' || !REASON_SHAPE.test(value)) {
      throw new ReasonExtensionError(
        `reason extension ${JSON.stringify(value)}: expected a non-empty string of printable ASCII without spaces`,
      );
    }
    if (!shipped.includes(value) && !extended.includes(value)) extended.push(value);
  }
  return {
    values: [...shipped, ...extended],
    onReject: TERMINATE_REASONS.filter((r) => r.seenOnReject).map((r) => r.value),
    extended,
  };
}

/**
 * `make` computed once per reason list: schemas and arbitraries built from a
 * list are costly to build and used for every case, so each is built once.
 */
export function perReasonList<T>(make: (reasons: ReasonList) => T): (reasons: ReasonList) => T {
  const made = new WeakMap<ReasonList, T>();
  return (reasons) => {
    if (!made.has(reasons)) made.set(reasons, make(reasons));
    return made.get(reasons)!;
  };
}

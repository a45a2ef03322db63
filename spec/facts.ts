/**
 * Facts about the spec page itself, and the vocabulary every other fact uses
 * to say how sure it is and where it comes from.
 */

/** The page this project implements: `spec/call-reject.page.txt` in shared/. */
export const SPEC_PAGE = {
  title: 'Call Reject',
  tag: 'call',
  category: 'signaling',
  status: 'draft',
  version: '0.1.0',
} as const;

/** The page's open questions, as it words them: `conformance evidence` reports what a capture says on each. */
export const OPEN_QUESTIONS = {
  reasonSet: 'Does reject use the full enum:terminate-reasons set, or only a declined/busy subset?',
  autoReject: 'Is there a separate "auto-reject" reason (e.g. do-not-disturb / blocked) distinct from user decline?',
  terminateAfterReject: 'After reject, does the server also emit terminate to the caller, or is reject sufficient on its own?',
} as const;

/** The page's confidence scale, as printed in its tables. */
export type Confidence = 'confirmed' | 'probable' | 'speculative';

/**
 * Where a rule comes from: `page` when the spec page states it, `decision`
 * when the page is silent and the project decided (docs/spec-decisions.md), `contract`
 * when it is the adapter contract's (docs/contract.md), `xml` when XML 1.0 says so.
 */
export type Basis = 'page' | 'decision' | 'contract' | 'xml';

/** A rule with its provenance, shown in reports next to every check. */
export interface Provenance {
  readonly confidence: Confidence;
  readonly basis: Basis;
}

/** Evidence from captures: what captured stanzas say against the spec model (`conformance evidence`). */
export { analyzeEvidence, type EvidenceOptions } from './analyze.js';
export { CAPTURE_EXTENSIONS, CAPTURE_LIMITS, readCaptures, type CaptureFormat, type CapturedStanza } from './read-captures.js';
export {
  EVIDENCE_BOUNDS,
  EVIDENCE_FORMAT,
  EVIDENCE_FORMAT_VERSION,
  evidenceReportSchema,
  type DecodeEvidence,
  type EvidenceReport,
  type JidEvidence,
  type Locations,
  type Tally,
  type ValueCount,
} from './format.js';

import { z } from 'zod';

/**
 * The evidence report's format, versioned like the JSON report: a consumer
 * checks `format` and `formatVersion`; a change that would break a reader
 * raises the version.
 */
export const EVIDENCE_FORMAT = 'stanza-conformance-evidence';
/** The version of {@link EVIDENCE_FORMAT} this package writes. */
export const EVIDENCE_FORMAT_VERSION = 1;

/**
 * What an evidence report keeps at most, whatever the capture holds: a
 * hostile capture with a million distinct attribute names or a reason of a
 * megabyte still leaves a report of a few hundred kilobytes. What a list
 * leaves out is counted (`more`, `otherStanzas`).
 */
export const EVIDENCE_BOUNDS = {
  /** Distinct values kept of one tally (attribute names, reasons, tags, JID shapes); the first seen are kept. */
  values: 50,
  /** Locations (`file:line`) kept of one list. */
  locations: 20,
  /** Locations kept per value of a tally. */
  locationsPerValue: 5,
  /** Characters of one value, attribute name or tag; a longer one is cut with a `…[truncated: N more chars]` marker, and values that agree up to the cut are counted together. */
  valueChars: 200,
  /** Characters of one problem message. */
  messageChars: 500,
} as const;

const n = z.number().int().nonnegative();
const at = z.string().describe('file:line where the stanza begins (line numbers from 1)');

const locations = z.object({
  count: n,
  at: z.array(at).max(EVIDENCE_BOUNDS.locations).describe('the first stanzas, in capture order'),
  more: n.describe('stanzas counted but not listed'),
});

const valueCount = z.object({
  value: z.string(),
  count: n,
  at: z.array(at).max(EVIDENCE_BOUNDS.locationsPerValue).describe('the first stanzas with this value'),
});

const tally = z.object({
  values: z.array(valueCount).max(EVIDENCE_BOUNDS.values).describe('most frequent first; ties in the order first seen'),
  otherStanzas: n.describe(`stanzas whose value is not listed: a tally keeps the first ${EVIDENCE_BOUNDS.values} distinct values`),
});

const attribute = z.object({
  name: z.string(),
  count: n.describe('rejects with this attribute on this element'),
  defined: z.boolean().describe('whether the spec page defines it on this element'),
  at: z.array(at).max(EVIDENCE_BOUNDS.locationsPerValue),
});

const attributes = z.object({
  attributes: z
    .array(attribute)
    .max(EVIDENCE_BOUNDS.values)
    .describe("the page's attributes first, in page order, then the others, most frequent first"),
  otherStanzas: n.describe('rejects with an attribute not listed'),
});

const jidShape = z.object({
  shape: z.string().describe('user[.agent][:device or :0]@server, the server named when it is a known user server, else other-server'),
  server: z
    .enum(['phone-number', 'lid', 'other'])
    .describe('phone-number: s.whatsapp.net, c.us, hosted; lid: lid, hosted.lid; other: any other server'),
  agent: z.boolean(),
  device: z.enum(['none', 'zero', 'non-zero']),
  count: n,
  at: z.array(at).max(EVIDENCE_BOUNDS.locationsPerValue),
});

const jid = z.object({
  attribute: z.string(),
  element: z.enum(['call', 'reject']),
  shapes: z.array(jidShape),
  malformed: tally.describe('values the JID grammar refuses'),
  absent: n,
});

const refused = z.object({
  at,
  message: z.string().describe("the problem, as a conforming decoder's refusal would word it"),
});

const refusedList = z.object({
  count: n,
  stanzas: z.array(refused).max(EVIDENCE_BOUNDS.locations),
  more: n,
});

const decodeCheck = z.object({
  check: z.string().describe('the suite check a decoder that accepts these stanzas fails: reject.decode.refuses.<fault>'),
  fault: z.string(),
  level: z.enum(['must', 'should']).describe('must: a conforming decoder refuses it; should: it may accept it'),
  rejects: refusedList.describe('rejects (a <call> holding <reject>) with this problem'),
  unreadable: refusedList.describe(
    'stanzas that could not be read at all (not well-formed XML, not a node): whether they were rejects cannot be told',
  ),
  others: locations.describe('stanzas that are not rejects: a reject decoder refuses them, as it should'),
});

const question = <A extends [string, ...string[]]>(answers: A) => ({
  question: z.string().describe("the spec page's open question"),
  answer: z.enum(answers),
  finding: z.string().describe('what the capture says, in plain words, with counts'),
});

/** The zod schema of an evidence report (`conformance evidence --reporter json`). */
export const evidenceReportSchema = z.object({
  format: z.literal(EVIDENCE_FORMAT),
  formatVersion: z.literal(EVIDENCE_FORMAT_VERSION),
  tool: z.object({ name: z.string(), version: z.string() }),
  spec: z.object({ page: z.string(), version: z.string(), status: z.string() }),
  reasons: z.object({
    values: z.array(z.string()).describe('enum:terminate-reasons as in force: the shipped values and the extension'),
    onReject: z.array(z.string()).describe("the page's declined/busy list"),
    extended: z.array(z.string()).describe('values added with --extra-reason'),
  }),
  bounds: z.object({ values: n, locations: n, locationsPerValue: n, valueChars: n, messageChars: n }),
  files: z.array(
    z.object({
      file: z.string(),
      format: z.enum(['xml', 'jsonl']),
      by: z.enum(['extension', 'content']).describe('whether the file name or its first non-blank character decided the format'),
      stanzas: n,
    }),
  ),
  stanzas: z.object({
    total: n,
    rejects: n.describe('a <call> holding a <reject> child'),
    calls: z
      .object({ count: n, byChild: tally.describe('the tag of the first child element, or (none)') })
      .describe('other <call> stanzas'),
    others: z.object({ count: n, byRoot: tally }).describe('stanzas whose root is not <call>'),
    unreadable: n.describe('not well-formed XML, or not a node'),
  }),
  rejects: z.object({
    count: n,
    attributes: z.object({ call: attributes, reject: attributes }).describe('on <call> and on its (first) <reject>'),
    reasons: z.object({
      none: locations,
      onReject: tally.describe("declined or busy: the page's list"),
      enum: tally.describe('in the shipped enum, beyond declined/busy'),
      extended: tally.describe('added with --extra-reason'),
      outside: tally.describe('outside enum:terminate-reasons'),
    }),
    jids: z.array(jid),
  }),
  decode: z.array(decodeCheck).describe('one entry per check that some stanza would fail, in the order first seen'),
  questions: z.object({
    reasonSet: z.object({
      ...question(['full-set', 'consistent-with-subset', 'no-evidence']),
      beyondSubset: z.array(valueCount).describe('reasons on reject in the shipped enum beyond declined/busy'),
      subset: z.array(valueCount).describe('declined and busy, as seen on reject'),
      rejects: n,
      withoutReason: n.describe('rejects with no reason'),
    }),
    autoReject: z.object({
      ...question(['candidates', 'no-evidence']),
      candidates: z
        .array(valueCount.extend({ extended: z.boolean().describe('already added with --extra-reason') }))
        .describe('reasons on reject beyond the shipped enum: outside the enum in force first, then those added with --extra-reason'),
      rejects: n,
    }),
    terminateAfterReject: z.object({
      ...question(['every-reject-followed', 'some-followed', 'none-followed', 'no-evidence']),
      rejects: n.describe('rejects with a call-id'),
      followed: n.describe('rejects followed later in the capture by a <terminate> with the same call-id'),
      without: n.describe('rejects with no such <terminate> after them'),
      terminates: n.describe('<terminate> stanzas in the capture'),
      followedAt: z.array(z.object({ reject: at, terminate: at })).max(EVIDENCE_BOUNDS.locations),
      withoutAt: locations,
    }),
  }),
});

/** An evidence report: what a capture says against the spec model. */
export type EvidenceReport = z.infer<typeof evidenceReportSchema>;
/** A count of one value with where it was seen. */
export type ValueCount = z.infer<typeof valueCount>;
/** A tally of values: the first distinct ones with counts, the rest counted together. */
export type Tally = z.infer<typeof tally>;
/** A count of stanzas with the first of their locations. */
export type Locations = z.infer<typeof locations>;
/** One decode check that stanzas of the capture would fail. */
export type DecodeEvidence = z.infer<typeof decodeCheck>;
/** The shapes of one JID attribute's values. */
export type JidEvidence = z.infer<typeof jid>;

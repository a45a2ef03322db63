import { createHash } from 'node:crypto';
import {
  ATTRIBUTES,
  JID_ATTRIBUTES,
  KNOWN_USER_SERVERS,
  OPEN_QUESTIONS,
  parseJid,
  readStanza,
  reasonList,
  SPEC_PAGE,
  STRUCTURE,
  type JidParts,
  type ReasonList,
  type StanzaProblem,
  type StanzaTree,
} from '../../spec/index.js';
import { boundText } from '../_internals/bound-value.js';
import { TOOL } from '../version.js';
import { autoRejectFinding, PLAIN, reasonSetFinding, terminateFinding } from './findings.js';
import {
  EVIDENCE_BOUNDS as B,
  EVIDENCE_FORMAT,
  EVIDENCE_FORMAT_VERSION,
  type DecodeEvidence,
  type EvidenceReport,
  type JidEvidence,
  type Locations,
  type Tally,
  type ValueCount,
} from './format.js';
import type { CapturedStanza } from './read-captures.js';

/** What the analysis of a capture measures against. */
export interface EvidenceOptions {
  /** The reason list in force (default: the shipped enum:terminate-reasons); extend it as `--extra-reason` does with `reasonList([...])`. */
  reasons?: ReasonList;
}

const CALL = STRUCTURE.root.tag;
const REJECT = STRUCTURE.child.tag;
const TERMINATE = 'terminate';

/** What kind of user each known server holds. */
const SERVER_KINDS: Readonly<Record<(typeof KNOWN_USER_SERVERS)[number], 'phone-number' | 'lid'>> = {
  's.whatsapp.net': 'phone-number',
  'c.us': 'phone-number',
  hosted: 'phone-number',
  lid: 'lid',
  'hosted.lid': 'lid',
};

/** Counts values, keeping the first {@link B.values} distinct ones (each cut to {@link B.valueChars}) with where they were seen. */
class Counter {
  private readonly kept = new Map<string, ValueCount>();
  private other = 0;

  add(value: string, at: string): void {
    const key = boundText(value, B.valueChars);
    let entry = this.kept.get(key);
    if (!entry) {
      if (this.kept.size >= B.values) {
        this.other++;
        return;
      }
      entry = { value: key, count: 0, at: [] };
      this.kept.set(key, entry);
    }
    entry.count++;
    if (entry.at.length < B.locationsPerValue) entry.at.push(at);
  }

  /** The values, most frequent first (ties in the order first seen). */
  values(): ValueCount[] {
    return [...this.kept.values()].sort((a, b) => b.count - a.count).map((v) => ({ ...v, at: [...v.at] }));
  }

  tally(): Tally {
    return { values: this.values(), otherStanzas: this.other };
  }
}

/** Counts stanzas, keeping the first {@link B.locations} of `T` (a location, or one with more). */
class Listed<T> {
  count = 0;
  readonly kept: T[] = [];

  add(item: T): void {
    this.count++;
    if (this.kept.length < B.locations) this.kept.push(item);
  }

  get more(): number {
    return this.count - this.kept.length;
  }
}

const locations = (l: Listed<string>): Locations => ({ count: l.count, at: [...l.kept], more: l.more });
const refusedList = (l: Listed<{ at: string; message: string }>) => ({ count: l.count, stanzas: [...l.kept], more: l.more });

interface DecodeTally {
  fault: string;
  level: 'must' | 'should';
  rejects: Listed<{ at: string; message: string }>;
  unreadable: Listed<{ at: string; message: string }>;
  others: Listed<string>;
}

/** The shape of one JID: which parts it has, and on which kind of server. */
function jidShape(p: JidParts): Omit<JidEvidence['shapes'][number], 'count' | 'at'> {
  const known = Object.hasOwn(SERVER_KINDS, p.server) ? SERVER_KINDS[p.server as keyof typeof SERVER_KINDS] : undefined;
  const device = p.device === undefined ? 'none' : p.device === 0 ? 'zero' : 'non-zero';
  const agent = p.agent !== undefined;
  const shape = `user${agent ? '.agent' : ''}${device === 'none' ? '' : device === 'zero' ? ':0' : ':device'}@${known ? p.server : 'other-server'}`;
  return { shape, server: known ?? 'other', agent, device };
}

/** One JID attribute's shapes across the rejects. */
class JidTally {
  readonly shapes = new Map<string, JidEvidence['shapes'][number]>();
  readonly malformed = new Counter();
  absent = 0;

  add(value: string | undefined, at: string): void {
    if (value === undefined) {
      this.absent++;
      return;
    }
    const parts = parseJid(value);
    if (!parts) {
      this.malformed.add(value, at);
      return;
    }
    const s = jidShape(parts);
    const entry = this.shapes.get(s.shape) ?? { ...s, count: 0, at: [] };
    this.shapes.set(s.shape, entry);
    entry.count++;
    if (entry.at.length < B.locationsPerValue) entry.at.push(at);
  }
}

/** A call-id as a key: itself, or its hash when it is long (a hostile capture's megabyte call-ids cost 64 bytes each). */
const callIdKey = (id: string) => (id.length <= 128 ? `=${id}` : `#${createHash('sha256').update(id).digest('hex')}`);

const own = (attrs: Record<string, string>, name: string) => (Object.hasOwn(attrs, name) ? attrs[name] : undefined);

/**
 * Reads captured stanzas (see `readCaptures`) against the spec model and
 * returns what they say: what kinds of stanza the capture holds; for the
 * rejects, which attributes occur (flagging those the page does not define),
 * which reasons (declined/busy, the rest of the enum, an extension, outside
 * the enum, none) and which JID shapes; which stanzas a conforming decoder
 * refuses, per suite check; and what the capture says on each of the page's
 * open questions. Every list is bounded ({@link B}). Never throws on what a
 * stanza holds; an error of the reading (a file that is not a capture) passes
 * through.
 */
export function analyzeEvidence(stanzas: Iterable<CapturedStanza>, options: EvidenceOptions = {}): EvidenceReport {
  const reasons = options.reasons ?? reasonList();
  const shipped = reasons.values.filter((r) => !reasons.extended.includes(r));
  const files = new Map<string, EvidenceReport['files'][number]>();
  const calls = new Counter();
  const others = new Counter();
  let total = 0;
  let rejects = 0;
  let callCount = 0;
  let otherCount = 0;
  let unreadable = 0;
  const attrs = { call: new Counter(), reject: new Counter() };
  const reason = {
    none: new Listed<string>(),
    onReject: new Counter(),
    enum: new Counter(),
    extended: new Counter(),
    outside: new Counter(),
  };
  const jids = new Map(JID_ATTRIBUTES.map((a) => [a, new JidTally()]));
  const decode = new Map<string, DecodeTally>();
  // Rejects not yet followed by a terminate, per call-id: how many, and where the first was.
  const pending = new Map<string, { count: number; at: string }>();
  let rejectsWithCallId = 0;
  let terminates = 0;
  let followed = 0;
  const followedAt = new Listed<{ reject: string; terminate: string }>();

  const onReject = (tree: StanzaTree, child: { attrs: Record<string, string> }, at: string) => {
    rejects++;
    for (const name of Object.keys(tree.attrs)) attrs.call.add(name, at);
    for (const name of Object.keys(child.attrs)) attrs.reject.add(name, at);
    const r = own(child.attrs, 'reason');
    if (r === undefined) reason.none.add(at);
    else if (reasons.onReject.includes(r)) reason.onReject.add(r, at);
    else if (shipped.includes(r)) reason.enum.add(r, at);
    else if (reasons.values.includes(r)) reason.extended.add(r, at);
    else reason.outside.add(r, at);
    for (const [a, tally] of jids) tally.add(own(a.element === 'call' ? tree.attrs : child.attrs, a.name), at);
    const callId = own(child.attrs, 'call-id');
    if (callId === undefined || callId === '') return;
    rejectsWithCallId++;
    const key = callIdKey(callId);
    const before = pending.get(key);
    if (before) before.count++;
    else pending.set(key, { count: 1, at });
  };

  const onTerminate = (child: { attrs: Record<string, string> }, at: string) => {
    terminates++;
    const callId = own(child.attrs, 'call-id');
    if (callId === undefined) return;
    const key = callIdKey(callId);
    const waiting = pending.get(key);
    if (!waiting) return;
    followed += waiting.count;
    followedAt.add({ reject: waiting.at, terminate: at });
    pending.delete(key);
  };

  const onProblem = (p: StanzaProblem, kind: 'rejects' | 'unreadable' | 'others', at: string) => {
    const t = decode.get(p.fault) ?? {
      fault: p.fault,
      level: p.level,
      rejects: new Listed(),
      unreadable: new Listed(),
      others: new Listed<string>(),
    };
    decode.set(p.fault, t);
    if (kind === 'others') t.others.add(at);
    else t[kind].add({ at, message: boundText(p.message, B.messageChars) });
  };

  for (const s of stanzas) {
    total++;
    const at = `${s.file}:${s.line}`;
    const file = files.get(s.file) ?? { file: s.file, format: s.format, by: s.by, stanzas: 0 };
    files.set(s.file, file);
    file.stanzas++;
    const reading = readStanza(s.value, s.format === 'xml' ? 'xml' : 'node', reasons);
    const tree = reading.tree;
    let kind: 'rejects' | 'unreadable' | 'others' = 'others';
    if (!tree) {
      unreadable++;
      kind = 'unreadable';
    } else if (tree.tag !== CALL) {
      otherCount++;
      others.add(tree.tag, at);
    } else {
      const reject = tree.children.find((c) => c.tag === REJECT);
      if (reject) {
        kind = 'rejects';
        onReject(tree, reject, at);
      } else {
        callCount++;
        calls.add(tree.children[0]?.tag ?? '(none)', at);
        const terminate = tree.children.find((c) => c.tag === TERMINATE);
        if (terminate) onTerminate(terminate, at);
      }
    }
    // A stanza counts once per check: two malformed JIDs are one stanza that check refuses, with both messages.
    const byFault = new Map<string, StanzaProblem>();
    for (const p of reading.problems) {
      const seen = byFault.get(p.fault);
      byFault.set(p.fault, seen ? { ...seen, message: `${seen.message}; ${p.message}` } : p);
    }
    for (const p of byFault.values()) onProblem(p, kind, at);
  }

  const without = new Listed<string>();
  for (const p of pending.values()) {
    for (let i = 0; i < p.count; i++) without.add(p.at);
  }

  // The page's attributes first, in page order; then the others, most frequent first.
  const attributes = (element: 'call' | 'reject', c: Counter) => {
    const t = c.tally();
    const page = ATTRIBUTES.filter((a) => a.element === element).map((a) => a.name);
    const rank = (name: string) => (page.includes(name) ? page.indexOf(name) : page.length);
    return {
      attributes: t.values
        .map((v) => ({ name: v.value, count: v.count, defined: page.includes(v.value), at: v.at }))
        .sort((a, b) => rank(a.name) - rank(b.name)),
      otherStanzas: t.otherStanzas,
    };
  };

  const beyondSubset = reason.enum.values();
  const subset = reason.onReject.values();
  const reasonSet = {
    question: OPEN_QUESTIONS.reasonSet,
    answer:
      beyondSubset.length > 0 ? ('full-set' as const) : subset.length > 0 ? ('consistent-with-subset' as const) : ('no-evidence' as const),
    beyondSubset,
    subset,
    rejects,
    withoutReason: reason.none.count,
  };
  const candidates = [
    ...reason.outside.values().map((v) => ({ ...v, extended: false })),
    ...reason.extended.values().map((v) => ({ ...v, extended: true })),
  ];
  const autoReject = {
    question: OPEN_QUESTIONS.autoReject,
    answer: candidates.length > 0 ? ('candidates' as const) : ('no-evidence' as const),
    candidates,
    rejects,
  };
  const terminateAfterReject = {
    question: OPEN_QUESTIONS.terminateAfterReject,
    answer:
      terminates === 0 || rejectsWithCallId === 0
        ? ('no-evidence' as const)
        : followed === rejectsWithCallId
          ? ('every-reject-followed' as const)
          : followed > 0
            ? ('some-followed' as const)
            : ('none-followed' as const),
    rejects: rejectsWithCallId,
    followed,
    without: without.count,
    terminates,
    followedAt: [...followedAt.kept],
    withoutAt: locations(without),
  };

  return {
    format: EVIDENCE_FORMAT,
    formatVersion: EVIDENCE_FORMAT_VERSION,
    tool: { ...TOOL },
    spec: { page: SPEC_PAGE.title, version: SPEC_PAGE.version, status: SPEC_PAGE.status },
    reasons: { values: [...reasons.values], onReject: [...reasons.onReject], extended: [...reasons.extended] },
    bounds: { ...B },
    files: [...files.values()],
    stanzas: {
      total,
      rejects,
      unreadable,
      calls: { count: callCount, byChild: calls.tally() },
      others: { count: otherCount, byRoot: others.tally() },
    },
    rejects: {
      count: rejects,
      attributes: { call: attributes('call', attrs.call), reject: attributes('reject', attrs.reject) },
      reasons: {
        none: locations(reason.none),
        onReject: reason.onReject.tally(),
        enum: reason.enum.tally(),
        extended: reason.extended.tally(),
        outside: reason.outside.tally(),
      },
      jids: [...jids].map(([a, t]) => ({
        attribute: a.name,
        element: a.element,
        shapes: [...t.shapes.values()].sort((x, y) => y.count - x.count),
        malformed: t.malformed.tally(),
        absent: t.absent,
      })),
    },
    decode: [...decode.values()].map((t): DecodeEvidence => ({
      check: `reject.decode.refuses.${t.fault}`,
      fault: t.fault,
      level: t.level,
      rejects: refusedList(t.rejects),
      unreadable: refusedList(t.unreadable),
      others: locations(t.others),
    })),
    questions: {
      reasonSet: { ...reasonSet, finding: reasonSetFinding(reasonSet, PLAIN) },
      autoReject: { ...autoReject, finding: autoRejectFinding(autoReject, PLAIN) },
      terminateAfterReject: { ...terminateAfterReject, finding: terminateFinding(terminateAfterReject) },
    },
  };
}

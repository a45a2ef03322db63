import fc from 'fast-check';
import {
  kind,
  mapKinds,
  messageKinds,
  nodeRenderingKinds,
  prefixKinds,
  replyCaseKinds,
  xmlRenderingKinds,
  type CaseKind,
  type Kinds,
  type NodeFeature,
  type RenderingFeature,
  type ReplyCase,
} from '../../arbitraries/index.js';
import type { Operation, Wire } from '../../adapters/contract.js';
import { isXmlText, type CallReject, type ReasonList } from '../../spec/index.js';
import { mayRefuse, normalMessage, REJECT_SUITE, type Corpus, type Outcome } from '../../suites/index.js';
import { plainWire } from '../../suites/reject/decode.js';
import { callerReadings } from '../../suites/reject/reply.js';
import { aspect, messageAnswer, noAnswer, OUTCOME, stanzaAnswer, type Difference, type ReadAnswer } from './compare.js';
import type { AcceptedReading, DiffOperation } from './result.js';

/** One compared codec, as a probe sees it. */
export interface ProbedCodec {
  label: string;
  wire: Wire;
  call(op: Operation, ...args: unknown[]): Promise<Outcome>;
}

/** One compared operation: its inputs, the same for every codec, and how an answer is read. */
export interface Probe<T> {
  operation: DiffOperation;
  /** The functions every compared codec must have. */
  needs: readonly Operation[];
  /** What went in and what was compared, in words. */
  what(wires: readonly Wire[]): string;
  /** The inputs: the corpus's files first (each a kind named by its path), then the generated kinds. */
  kinds(wires: readonly Wire[], reasons: ReasonList, corpus: Corpus): Kinds<T>;
  ask(codec: ProbedCodec, input: T, reasons: ReasonList): Promise<ReadAnswer>;
  /** The input as a person should see it. */
  show(input: T): unknown;
  /** The readings the suite accepts that this difference lies in. */
  accepted(input: T, difference: Difference, reads: readonly ReadAnswer[], reasons: ReasonList): AcceptedReading[];
}

/** Each entry of a part of the corpus as a kind of its own, named by its file. */
const fileKinds = <E extends { name: string }, T>(entries: readonly E[], input: (e: E) => T): CaseKind<T>[] =>
  entries.map((e) => kind(e.name, fc.constant(input(e))));
/** The corpus's valid messages, then every generated message kind. */
const messagesWithCorpus = (reasons: ReasonList, corpus: Corpus): Kinds<CallReject> => [
  ...fileKinds(corpus.messages, (e) => e.message),
  ...messageKinds(reasons),
];

/** The check `id`'s accepted readings. */
function acceptedBy(id: string): AcceptedReading {
  const check = REJECT_SUITE.find((c) => c.id === id);
  if (!check?.accepts) throw new Error(`the suite has no check ${id} that accepts several readings`);
  return { check: id, readings: check.accepts };
}

/**
 * A difference in outcome where one codec refused a reason beyond declined
 * and busy and another took it: the subset reading the page leaves open,
 * which `check` accepts.
 */
function subsetReading(
  check: string,
  reason: string | undefined,
  d: Difference,
  reads: readonly ReadAnswer[],
  reasons: ReasonList,
): AcceptedReading[] {
  const threw = reads.some((r) => r.answer.outcome === 'threw');
  const took = reads.some((r) => r.answer.outcome === 'returned');
  return d.aspects.includes(OUTCOME) && threw && took && mayRefuse({ reason }, reasons) ? [acceptedBy(check)] : [];
}

const oneWire = (wires: readonly Wire[]) => (new Set(wires).size === 1 ? wires[0]! : undefined);

/** How a stanza answer is read, in words. */
const readBack = (wires: readonly Wire[]) =>
  oneWire(wires) === 'node'
    ? 'each node read structurally (key order aside): the page attributes, unknown attributes and problems'
    : oneWire(wires) === 'xml'
      ? 'each stanza read back by the XML 1.0 oracle (order, quoting, white space and references aside): the page attributes, unknown attributes and problems'
      : "each stanza read by the oracle on its codec's own wire and compared by meaning across wires: the page attributes, unknown attributes and problems";

/** A stanza answer of `outcome`, or the answer of a call that did not return. */
function stanzaOf(codec: ProbedCodec, outcome: Outcome, reasons: ReasonList, adjust?: Parameters<typeof stanzaAnswer>[4]): ReadAnswer {
  return outcome.kind === 'returned'
    ? stanzaAnswer(codec.label, outcome.value, codec.wire, reasons, adjust)
    : noAnswer(codec.label, outcome);
}

const encode: Probe<CallReject> = {
  operation: 'encode',
  needs: ['encode'],
  what: (wires) => `the same valid messages (the corpus's, then every message kind); ${readBack(wires)}`,
  kinds: (_, reasons, corpus) => messagesWithCorpus(reasons, corpus),
  ask: async (codec, m, reasons) => stanzaOf(codec, await codec.call('encode', m), reasons),
  show: normalMessage,
  accepted: (m, d, reads, reasons) => subsetReading('reject.encode.reason', m.reason, d, reads, reasons),
};

const roundtrip: Probe<CallReject> = {
  operation: 'roundtrip',
  needs: ['encode', 'decode'],
  what: () =>
    "the same valid messages (the corpus's, then every message kind), each decoded by its codec from its own encoding; the messages compared field by field",
  kinds: (_, reasons, corpus) => messagesWithCorpus(reasons, corpus),
  async ask(codec, m) {
    const encoded = await codec.call('encode', m);
    if (encoded.kind !== 'returned') return noAnswer(codec.label, encoded, 'encode');
    const decoded = await codec.call('decode', encoded.value);
    return decoded.kind === 'returned' ? messageAnswer(codec.label, decoded.value) : noAnswer(codec.label, decoded, 'decode');
  },
  show: normalMessage,
  // reject.roundtrip accepts encode's refusal of such a reason, not decode's refusal of encode's own output
  accepted: (m, d, reads, reasons) =>
    reads.every((r) => r.answer.outcome !== 'threw' || r.answer.stage === 'encode')
      ? subsetReading('reject.roundtrip', m.reason, d, reads, reasons)
      : [],
};

/** A message and its wire value on each wire in use. */
interface Rendered {
  message: CallReject;
  wires: Partial<Record<Wire, unknown>>;
}

/** Every rendering feature, each variant of each tried (the first feature's variants are a kind each). */
const XML_FEATURES = Object.keys({ layout: 1, refs: 1, extras: 1, content: 1, comments: 1, 'raw-spaces': 1 } satisfies Record<
  RenderingFeature,
  1
>) as RenderingFeature[];
const NODE_FEATURES = Object.keys({ layout: 1, extras: 1, content: 1 } satisfies Record<NodeFeature, 1>) as NodeFeature[];

/**
 * The kinds of `kindsOf([])` (each message kind written plainly, every reason included), named `plain:…`, then
 * those of `kindsOf(features)` with each feature first in turn: every variant of every feature, each name once.
 */
function everyVariant<F, T>(features: readonly F[], kindsOf: (features: F[]) => Kinds<T>): Kinds<T> {
  const seen = new Map<string, CaseKind<T>>(prefixKinds('plain', kindsOf([])).map((k) => [k.name, k]));
  for (let i = 0; i < features.length; i++) {
    for (const k of kindsOf([...features.slice(i), ...features.slice(0, i)])) if (!seen.has(k.name)) seen.set(k.name, k);
  }
  return [...seen.values()];
}

const decode: Probe<Rendered> = {
  operation: 'decode',
  needs: ['decode'],
  what: (wires) => {
    const compared = 'decoded and compared field by field';
    if (oneWire(wires) === 'xml')
      return `the corpus's valid stanzas, then the same XML renderings of valid messages (each message kind written plainly, and every variant of ${XML_FEATURES.join(', ')}), ${compared}`;
    if (oneWire(wires) === 'node')
      return `the corpus's valid nodes, then the same nodes of valid messages (each message kind as a plain node, and every variant of ${NODE_FEATURES.join(', ')}), ${compared}`;
    return `the same valid messages (the corpus's, then every message kind), each written plainly in its codec's own wire (${[...new Set(wires)].join(' and ')}), ${compared}`;
  },
  kinds(wires, reasons, corpus) {
    const one = oneWire(wires);
    // the corpus's valid stanzas of the one wire in use, as they are
    const files = one
      ? fileKinds(
          corpus.stanzas.filter((s) => s.wire === one),
          (s): Rendered => ({ message: s.message, wires: { [one]: s.value } }),
        )
      : [];
    if (one === 'xml')
      return [
        ...files,
        ...mapKinds(
          everyVariant(XML_FEATURES, (f) => xmlRenderingKinds(reasons, f)),
          (r): Rendered => ({ message: r.message, wires: { xml: r.xml } }),
        ),
      ];
    if (one === 'node')
      return [
        ...files,
        ...mapKinds(
          everyVariant(NODE_FEATURES, (f) => nodeRenderingKinds(reasons, f)),
          (r): Rendered => ({ message: r.message, wires: { node: r.node } }),
        ),
      ];
    return mapKinds(messagesWithCorpus(reasons, corpus), (message): Rendered => ({
      message,
      wires: { xml: plainWire(message, 'xml').wire, node: plainWire(message, 'node').wire },
    }));
  },
  async ask(codec, r) {
    const outcome = await codec.call('decode', r.wires[codec.wire]);
    return outcome.kind === 'returned' ? messageAnswer(codec.label, outcome.value) : noAnswer(codec.label, outcome);
  },
  show: (r) => ({ ...r.wires, means: normalMessage(r.message) }),
  accepted: (r, d, reads, reasons) => subsetReading('reject.decode.plain', r.message.reason, d, reads, reasons),
};

/** The `<call id>` of a reply made without an id: only whether it is fresh (non-empty, XML text, not the offer's) is compared. */
const FRESH = aspect('\u0000fresh', 'a fresh non-empty id (its value is not compared)');

const reply: Probe<ReplyCase> = {
  operation: 'reply',
  needs: ['reply'],
  what: (wires) =>
    `the same offers and options (the corpus's reply cases, then every reply case kind); ${readBack(wires)}; an id the codec makes when the options give none is compared only as fresh and non-empty`,
  kinds: (_, reasons, corpus) => [
    ...fileKinds(corpus.replies, (e): ReplyCase => ({ offer: e.offer, options: e.options })),
    ...replyCaseKinds(reasons),
  ],
  ask: async (codec, c, reasons) =>
    stanzaOf(codec, await codec.call('reply', c.offer, c.options), reasons, (aspects, fields) => {
      const id = fields.id;
      if (c.options.id === undefined && typeof id === 'string' && id !== '' && isXmlText(id) && id !== c.offer.id)
        aspects.set('<call id>', FRESH);
    }),
  show: (c) => ({ offer: c.offer, options: c.options }),
  accepted(c, d, reads, reasons) {
    const out = subsetReading('reject.reply.reason', c.options.reason, d, reads, reasons);
    const callers = callerReadings(c.offer);
    if (d.aspects.includes('<call to>') && reads.every((r) => callers.includes(r.fields?.to ?? '')))
      out.push(acceptedBy('reject.reply.to'));
    return out;
  },
};

/** What the differential mode compares, in report order. */
export const PROBES: readonly Probe<any>[] = [encode, roundtrip, decode, reply];

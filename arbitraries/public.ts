/**
 * `stanza-conformance/arbitraries`: the suite's fast-check arbitraries, for a
 * codec's own property tests. Each function returns a `fc.Arbitrary` of the
 * fast-check the package peer-depends on, so the user's `fc.assert` and
 * `fc.property` take it as their own. Every value is drawn fresh (a codec
 * that changes its input cannot change a later case), and every value means
 * what it says: a valid message conforms, a rendering means exactly its
 * message, an invalid value has exactly the fault it names.
 *
 *     import fc from 'fast-check';
 *     import { messages } from 'stanza-conformance/arbitraries';
 *     fc.assert(fc.property(messages(), (m) => deepEqual(decode(encode(m)), m)));
 *
 * This is the stable surface; the modules beside it are the suite's own.
 */
import fc from 'fast-check';
import {
  reasonList,
  SHOULD_LEVEL_FAULTS,
  type CallOffer,
  type CallReject,
  type ReasonList,
  type ReplyOptions,
  type WireNode,
} from '../spec/index.js';
import { badReasonArb } from './bad-reason.js';
import { callRejectArb, reasonArb } from './call-reject.js';
import { replyCaseArb, type ReplyCase } from './call-offer.js';
import { invalidMessageArb, MESSAGE_FAULT_GROUPS, type MessageFaultGroup } from './invalid-message.js';
import { jidArb } from './jid.js';
import { malformedJidArb } from './malformed-jid.js';
import { nodeMutationArb, NODE_FAULT_GROUPS, type NodeFaultGroup } from './node-mutation.js';
import { nodeRenderingArb, type NodeFeature, type NodeRendering } from './node-rendering.js';
import { xmlMutationArb, XML_FAULT_GROUPS, type XmlFaultGroup } from './xml-mutation.js';
import { xmlRenderingArb, type RenderingFeature, type XmlRendering } from './xml-rendering.js';

export type {
  CallReject,
  CallOffer,
  ReplyOptions,
  WireNode,
  ReplyCase,
  XmlRendering,
  NodeRendering,
  RenderingFeature,
  NodeFeature,
  MessageFaultGroup,
  XmlFaultGroup,
  NodeFaultGroup,
};
export { MESSAGE_FAULT_GROUPS, XML_FAULT_GROUPS, NODE_FAULT_GROUPS };

/** What every arbitrary of this entry takes. */
export interface ArbitraryOptions {
  /**
   * Values added to enum:terminate-reasons, as `--extra-reason` adds them:
   * valid messages may carry them, and they are no longer outside the enum.
   */
  extraReasons?: readonly string[];
}

/** A valid message broken by one fault, for `encode` to refuse. */
export interface InvalidMessage {
  /** The broken message: not a conforming {@link CallReject}. */
  message: Record<string, unknown>;
  /** The fault class, e.g. `malformed-jid`. */
  group: MessageFaultGroup;
  /** The exact fault, e.g. `malformed-jid:callCreator:no-at` or `missing-attribute:callId=undefined`. */
  fault: string;
  /** Words one of which an error message naming the culprit contains (the wire name and the field name). */
  culprit: readonly string[];
  /** The valid message the fault was made in. */
  base: CallReject;
}

/** What an invalid stanza has besides its wire value. */
interface StanzaFaultInfo<G> {
  /** The fault class, e.g. `two-rejects`. */
  group: G;
  /** The exact fault, e.g. `missing-attribute:call-id:upper-case-name`. */
  fault: string;
  /** `should` for the faults a conforming decoder may accept (a DOCTYPE, stray text inside `<call>`), else `must`. */
  level: 'must' | 'should';
  /** Words one of which an error message naming the culprit contains; empty when no name is owed (XML syntax). */
  culprit: readonly string[];
  /** The valid message the stanza was made from. */
  base: CallReject;
}

/** An XML stanza broken by one fault, for `decode` to refuse. */
export interface InvalidXmlStanza extends StanzaFaultInfo<XmlFaultGroup> {
  /** The broken stanza's text. */
  xml: string;
}

/** A node broken by one fault, for `decode` to refuse (some are not nodes at all: `null`, a string, attrs missing). */
export interface InvalidNode extends StanzaFaultInfo<NodeFaultGroup> {
  /** The broken value. */
  node: unknown;
}

/** A text the JID grammar refuses, and the fault it has. */
export interface MalformedJid {
  jid: string;
  /** The fault, e.g. `no-at`, `device-out-of-range`, `trailing-space`. */
  fault: string;
}

const lists = new Map<string, ReasonList>();

/** The reason list of `options`, one object per extension, so the suite's arbitraries for it are built once. */
function reasonsOf(options: ArbitraryOptions | undefined): ReasonList {
  const extra = options?.extraReasons ?? [];
  const key = JSON.stringify(extra);
  if (!lists.has(key)) lists.set(key, reasonList(extra));
  return lists.get(key)!;
}

/** `groups` checked against the classes there are: an empty or unknown one is a mistake, said at once. */
function chosen<G extends string>(groups: readonly G[] | undefined, all: readonly G[], what: string): readonly G[] {
  if (groups === undefined) return all;
  if (groups.length === 0) throw new TypeError(`${what}: groups is empty; leave it out for every class (${all.join(', ')})`);
  const unknown = groups.filter((g) => !all.includes(g));
  if (unknown.length > 0)
    throw new TypeError(`${what}: unknown group ${unknown.map((g) => JSON.stringify(g)).join(', ')}; expected one of ${all.join(', ')}`);
  return groups;
}

/** Each class equally likely, whatever the number of kinds in it (malformed JIDs have dozens). */
const oneOfGroups = <G, T>(groups: readonly G[], arb: (g: G) => fc.Arbitrary<T>): fc.Arbitrary<T> =>
  groups.length === 1 ? arb(groups[0]!) : fc.oneof(...groups.map(arb));

const fresh = <T>(value: T): T => structuredClone(value);
const levelOf = (group: string): 'must' | 'should' => ((SHOULD_LEVEL_FAULTS as readonly string[]).includes(group) ? 'should' : 'must');

/**
 * A valid {@link CallReject}, from the suite's whole valid space: the page's
 * example, real traffic (phone numbers and LIDs), and every kind of call-id,
 * stanza id, JID and reason it tries (markup specials, white space at either
 * end, astral and combining characters, built-in property names, 4096
 * characters, agent and device at 0 and 255, no reason as a missing key or as
 * `undefined`). Any reason of the enum may come, not only declined and busy.
 */
export function messages(options?: ArbitraryOptions): fc.Arbitrary<CallReject> {
  return callRejectArb(reasonsOf(options)).map(fresh);
}

/**
 * A valid message and an XML text that means exactly it, written in any way
 * XML 1.0 allows: attribute order, quotes, white space and declaration
 * (`layout`), character references (`refs`), unknown attributes such as
 * `count="0"` (`extras`), content inside `<reject>` that a decoder ignores
 * (`content`), comments and processing instructions (`comments`), raw white
 * space that attribute-value normalization reads as a space (`raw-spaces`).
 * `features` turns on some of these; all by default.
 */
export function xmlRenderings(options?: ArbitraryOptions & { features?: readonly RenderingFeature[] }): fc.Arbitrary<XmlRendering> {
  const features = options?.features ?? ['layout', 'refs', 'extras', 'content', 'comments', 'raw-spaces'];
  return xmlRenderingArb(reasonsOf(options), features).map(fresh);
}

/**
 * A valid message and a node (`{ tag, attrs, content }`) that means exactly
 * it: any key order (`layout`), unknown attributes (`extras`), content inside
 * `<reject>` that a decoder ignores (`content`). All by default.
 */
export function nodeRenderings(options?: ArbitraryOptions & { features?: readonly NodeFeature[] }): fc.Arbitrary<NodeRendering> {
  return nodeRenderingArb(reasonsOf(options), options?.features ?? ['layout', 'extras', 'content']).map(fresh);
}

/**
 * A valid message broken by exactly one fault, which `encode` must refuse: a
 * required field missing (no key, or `undefined`) or `""`, a reason outside
 * the enum (near misses such as `DECLINED`, plausible ones such as `blocked`,
 * `null`), a malformed JID in from, to or callCreator, a character XML 1.0
 * cannot carry. Each class in `groups` is equally likely (default: every
 * class that applies to `wire`; a node codec need not refuse
 * `unencodable-character`, so `wire: 'node'` leaves it out).
 */
export function invalidMessages(
  options?: ArbitraryOptions & { wire?: 'xml' | 'node'; groups?: readonly MessageFaultGroup[] },
): fc.Arbitrary<InvalidMessage> {
  const list = reasonsOf(options);
  const all = options?.wire === 'node' ? MESSAGE_FAULT_GROUPS.filter((g) => g !== 'unencodable-character') : MESSAGE_FAULT_GROUPS;
  return oneOfGroups(chosen(options?.groups, all, 'invalidMessages'), (g) => invalidMessageArb(list, g)).map((m) =>
    fresh({
      message: m.input,
      group: m.group as MessageFaultGroup,
      fault: m.fault,
      culprit: m.culprit,
      base: m.base,
    }),
  );
}

/**
 * An XML stanza made from a valid message with exactly one fault, which
 * `decode` must refuse: a required attribute missing, empty or on the wrong
 * element, a reason outside the enum, a malformed JID, the wrong child, no
 * child, two `<reject>`s, an extra child, the wrong root, markup that is not
 * well-formed, a character XML cannot carry; and, at `level: 'should'`, a
 * DOCTYPE and text inside `<call>`. Each class in `groups` (default: all of
 * {@link XML_FAULT_GROUPS}) is equally likely.
 */
export function invalidXmlStanzas(options?: ArbitraryOptions & { groups?: readonly XmlFaultGroup[] }): fc.Arbitrary<InvalidXmlStanza> {
  const list = reasonsOf(options);
  return oneOfGroups(chosen(options?.groups, XML_FAULT_GROUPS, 'invalidXmlStanzas'), (g) => xmlMutationArb(list, g)).map((m) =>
    fresh({
      xml: m.input,
      group: m.group as XmlFaultGroup,
      fault: m.fault,
      level: levelOf(m.group),
      culprit: m.culprit,
      base: m.base,
    }),
  );
}

/**
 * A node made from a valid message with exactly one fault, which `decode`
 * must refuse: the faults of {@link invalidXmlStanzas} that a node can have,
 * and values that are not nodes at all. Each class in `groups` (default: all
 * of {@link NODE_FAULT_GROUPS}) is equally likely.
 */
export function invalidNodes(options?: ArbitraryOptions & { groups?: readonly NodeFaultGroup[] }): fc.Arbitrary<InvalidNode> {
  const list = reasonsOf(options);
  return oneOfGroups(chosen(options?.groups, NODE_FAULT_GROUPS, 'invalidNodes'), (g) => nodeMutationArb(list, g)).map((m) =>
    fresh({
      node: m.input,
      group: m.group as NodeFaultGroup,
      fault: m.fault,
      level: levelOf(m.group),
      culprit: m.culprit,
      base: m.base,
    }),
  );
}

/**
 * An incoming offer and the options of its reply, as `reply(offer, options)`
 * takes them: the caller with or without a device, the creator with its
 * device or bare, an id given or not, a reason given or not, every kind of
 * call-id and JID. The reply must copy `callId` and `callCreator` verbatim
 * and go `to` the caller (docs/contract.md, reply: the echo).
 */
export function replyCases(options?: ArbitraryOptions): fc.Arbitrary<ReplyCase> {
  return replyCaseArb(reasonsOf(options)).map(fresh);
}

/** A valid JID (`user[.agent][:device]@server`): known servers and any other, agent and device from 0 to 255, or none. */
export function jids(): fc.Arbitrary<string> {
  return jidArb;
}

/** A text the JID grammar refuses, with its fault: no `@`, two, an empty part, a device out of range or with a leading zero, a space, an upper-case server, … */
export function malformedJids(): fc.Arbitrary<MalformedJid> {
  return malformedJidArb.map(({ kind, jid }) => ({ jid, fault: kind }));
}

/** A value of enum:terminate-reasons (and of `extraReasons`). */
export function reasons(options?: ArbitraryOptions): fc.Arbitrary<string> {
  return reasonArb(reasonsOf(options));
}

/** A text that is not a value of enum:terminate-reasons (nor of `extraReasons`): near misses such as `Declined` or `busy `, plausible words such as `blocked`, `""`, `__proto__`, random words. */
export function badReasons(options?: ArbitraryOptions): fc.Arbitrary<string> {
  return badReasonArb(reasonsOf(options));
}

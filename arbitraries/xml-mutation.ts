import fc from 'fast-check';
import {
  JID_ATTRIBUTES,
  type AttributeFact,
  REQUIRED_ATTRIBUTES,
  escapeAttribute,
  type CallReject,
  perReasonList,
  type ReasonList,
} from '../spec/index.js';
import { attrsOf, modelOf, serializeModel, setAttr, type StanzaModel } from './_internals/stanza-model.js';
import { badReasonKinds } from './bad-reason.js';
import { callRejectArb } from './call-reject.js';
import type { Fault, FaultGroup } from './fault.js';
import { anyOfKinds, editedKinds, kind, type CaseKind } from './kinds.js';
import { malformedJidKindsFor } from './malformed-jid.js';
import { GRAMMAR_KIND_NAMES, grammarEditArb } from './xml-grammar.js';

/** A broken XML stanza, made from a valid message. */
export type XmlMutation = Fault<string> & { base: CallReject };

type Edit = { fault: string; culprit: string[]; apply: (m: StanzaModel) => string | void };

const names = (a: AttributeFact) => [a.name, a.field];
const calls = (fn: (xml: string) => string) => (m: StanzaModel) => fn(serializeModel(m));
const inValue = (raw: string) => (m: StanzaModel) => setAttr(m, 'reject', 'call-id', `x${raw}y`);

/**
 * Ways to make the markup not well-formed, each named after its fault, made
 * from the plainest rendering; beside them, the kinds derived from the
 * XML 1.0 grammar (./xml-grammar.ts), one per production and single edit.
 */
const NOT_WELL_FORMED: Record<string, (m: StanzaModel) => string | void> = {
  'bare-ampersand': inValue('&'),
  'bare-ampersand-name': inValue('&amp'),
  'raw-less-than': inValue('<'),
  'undeclared-entity': inValue('&nbsp;'),
  'empty-char-ref': inValue('&#;'),
  'unclosed-root': calls((x) => x.slice(0, x.lastIndexOf('</call>'))),
  'crossed-tags': calls((x) => x.replace(/<reject([^>]*)\/>(<\/call>)/, '<reject$1>$2</reject>')),
  'mismatched-end-tag': calls((x) => x.replace(/<\/call>$/, '</calls>')),
  'duplicate-attribute': (m) => void m.children[0]!.attrs.push(['call-id', m.children[0]!.attrs.find(([k]) => k === 'call-id')![1]]),
  'duplicate-root-attribute': (m) => void m.attrs.push(['id', m.attrs.find(([k]) => k === 'id')![1]]),
  'two-roots': calls((x) => x + x),
  'text-before-root': calls((x) => `junk${x}`),
  'text-after-root': calls((x) => `${x}junk`),
  'space-before-declaration': calls((x) => `\n<?xml version="1.0"?>${x}`),
  'unquoted-value': calls((x) => x.replace(/ id="([^"]*)"/, ' id=$1x')),
  'missing-equals': calls((x) => x.replace(/ id="/, ' id"')),
  'no-space-between-attributes': calls((x) => x.replace(/" to="/, '"to="')),
  'unterminated-value': calls((x) => x.replace(/" to="/, ' to="')),
  truncated: calls((x) => x.slice(0, Math.max(1, x.length >> 1))),
};

/** Characters XML 1.0 cannot carry, raw and as character references. */
const FORBIDDEN: Record<string, string> = {
  'raw-nul': '\u0000',
  'raw-control': '\u0001',
  'raw-escape': '\u001b',
  'raw-fffe': '\ufffe',
  'raw-ffff': '\uffff',
  'lone-high-surrogate': '\ud800',
  'lone-low-surrogate': '\udc00',
  'ref-nul': '&#0;',
  'ref-control': '&#1;',
  'ref-fffe': '&#xFFFE;',
  'ref-surrogate': '&#xD800;',
  'ref-beyond-unicode': '&#x110000;',
};

const DOCTYPES: Record<string, (m: StanzaModel) => void> = {
  'internal-entity': (m) => {
    m.prolog = '<!DOCTYPE call [<!ENTITY cid "injected">]>';
    setAttr(m, 'reject', 'call-id', '&cid;');
  },
  'external-entity': (m) => {
    m.prolog = '<!DOCTYPE call [<!ENTITY cid SYSTEM "file:///etc/hostname">]>';
    setAttr(m, 'reject', 'call-id', '&cid;');
  },
  'doctype-only': (m) => void (m.prolog = '<!DOCTYPE call>'),
};

const constant = (fault: string, culprit: string[], apply: Edit['apply']) => kind(fault, fc.constant<Edit>({ fault, culprit, apply }));
const each = (prefix: string, values: readonly string[], make: (v: string) => Omit<Edit, 'fault'>) =>
  values.map((v) => {
    const e = make(v);
    return constant(`${prefix}:${v}`, e.culprit, e.apply);
  });

/** The tags put where `<reject>` should be, or beside it. */
const WRONG_CHILDREN = ['terminate', 'accept', 'offer', 'Reject'];
const EXTRA_CHILDREN = ['terminate', 'x', 'accept', 'reject-extra'];
const WRONG_ROOTS = ['iq', 'message', 'receipt', 'Call', 'terminate'];
/** Elements a whole `<call>` is put inside: the root is then not `<call>`. */
const WRAPPERS = ['iq', 'call'];
const STRAY_TEXTS: Readonly<Record<string, string>> = { word: 'hello', entity: '&amp;', 'word-and-space': 'x ' };

/** The kinds of each fault class, named after the fault; `reasons` bounds what is outside the enum. */
const editKinds = perReasonList((reasons: ReasonList) => {
  const missing =
    (a: AttributeFact): Edit['apply'] =>
    (m) => {
      const l = attrsOf(m, a.element);
      l.splice(
        l.findIndex(([k]) => k === a.name),
        1,
      );
    };
  return {
    'missing-attribute': REQUIRED_ATTRIBUTES.flatMap((a) => [
      constant(`missing-attribute:${a.name}`, names(a), missing(a)),
      // on the other element: a decoder that looks in both finds it where it is not allowed
      constant(`missing-attribute:${a.name}:on-${a.element === 'call' ? 'reject' : 'call'}`, names(a), (m) => {
        const own = attrsOf(m, a.element);
        const [pair] = own.splice(
          own.findIndex(([k]) => k === a.name),
          1,
        );
        attrsOf(m, a.element === 'call' ? 'reject' : 'call').push(pair!);
      }),
      // its name in upper case: XML names are case-sensitive
      constant(`missing-attribute:${a.name}:upper-case-name`, names(a), (m) => {
        const pair = attrsOf(m, a.element).find(([k]) => k === a.name)!;
        pair[0] = a.name.toUpperCase();
      }),
    ]),
    'empty-attribute': REQUIRED_ATTRIBUTES.map((a) =>
      constant(`empty-attribute:${a.name}`, names(a), (m) => setAttr(m, a.element, a.name, '')),
    ),
    'reason-outside-enum': badReasonKinds(reasons).map((k) =>
      kind(
        `reason-outside-enum:${k.name}`,
        k.arbitrary.map((r): Edit => ({
          fault: `reason-outside-enum:${k.name}`,
          culprit: ['reason'],
          apply: (m) => setAttr(m, 'reject', 'reason', escapeAttribute(r)),
        })),
      ),
    ),
    'malformed-jid': JID_ATTRIBUTES.flatMap((a, slot) =>
      malformedJidKindsFor(slot, 'stanza').map((k) =>
        kind(
          `malformed-jid:${a.name}:${k.name}`,
          k.arbitrary.map((jid): Edit => ({
            fault: `malformed-jid:${a.name}:${k.name}`,
            culprit: names(a),
            apply: (m) => setAttr(m, a.element, a.name, escapeAttribute(jid)),
          })),
        ),
      ),
    ),
    'wrong-child': each('wrong-child', WRONG_CHILDREN, (t) => ({ culprit: ['reject', t], apply: (m) => void (m.children[0]!.tag = t) })),
    'no-child': each('no-child', ['empty', 'whitespace'], (v) => ({
      culprit: ['reject'],
      apply: (m) => {
        m.children = [];
        m.text = v === 'whitespace' ? '\n  ' : '';
      },
    })),
    'two-rejects': each('two-rejects', ['identical', 'different'], (v) => ({
      culprit: ['reject'],
      apply: (m) =>
        void m.children.push({
          tag: 'reject',
          attrs: m.children[0]!.attrs.map(([k, val]) => [k, v === 'identical' || k !== 'call-id' ? val : `${val}2`]),
        }),
    })),
    'extra-child': EXTRA_CHILDREN.flatMap((t) =>
      (['before', 'after'] as const).map((where) =>
        constant(
          `extra-child:${t}:${where}`,
          ['reject', 'call', t],
          (m) => void m.children[where === 'before' ? 'unshift' : 'push']({ tag: t, attrs: [] }),
        ),
      ),
    ),
    'wrong-root': [
      ...each('wrong-root', WRONG_ROOTS, (t) => ({ culprit: ['call', t], apply: (m) => void (m.root = t) })),
      ...WRAPPERS.map((t) =>
        constant(
          `wrong-root:inside-${t}`,
          ['call', t],
          calls((x) => `<${t}>${x}</${t}>`),
        ),
      ),
    ],
    'stray-text': Object.entries(STRAY_TEXTS).map(([name, t]) =>
      constant(`stray-text:${name}`, ['call', 'text'], (m) => void (m.text = t)),
    ),
    'not-well-formed': Object.entries(NOT_WELL_FORMED).map(([k, apply]) => constant(`not-well-formed:${k}`, [], apply)),
    'forbidden-character': Object.entries(FORBIDDEN).map(([k, raw]) => constant(`forbidden-character:${k}`, [], inValue(raw))),
    doctype: Object.entries(DOCTYPES).map(([k, apply]) => constant(`doctype:${k}`, [], apply)),
  } satisfies Partial<Record<FaultGroup, CaseKind<Edit>[]>>;
});

/** The fault classes {@link xmlMutationArb} makes. */
export type XmlFaultGroup = keyof ReturnType<typeof editKinds>;

/** The XML fault classes, in the order checks list them. */
export const XML_FAULT_GROUPS = Object.keys(editKinds({ values: ['x'], onReject: [], extended: [] })) as XmlFaultGroup[];

/**
 * The kinds of broken stanza of class `g`, each a valid message made into a
 * stanza with exactly that fault: a required attribute dropped or empty, a
 * reason outside the enum, each kind of malformed JID in each JID attribute,
 * each wrong child or root, each way markup is not well-formed (a list, and
 * each single edit of each XML 1.0 production a stanza uses), each character
 * XML cannot carry, each DOCTYPE.
 */
export const xmlMutationKinds = perReasonList((reasons: ReasonList) => {
  const kinds = editedKinds(XML_FAULT_GROUPS, editKinds(reasons), callRejectArb(reasons), (g, base, edit: Edit): XmlMutation => {
    const model = modelOf(base);
    const xml = edit.apply(model) ?? serializeModel(model);
    return { group: g, fault: edit.fault, culprit: edit.culprit, input: xml, base };
  });
  const grammar = GRAMMAR_KIND_NAMES.map((name) => {
    const fault = `not-well-formed:${name}`;
    return kind(
      fault,
      grammarEditArb(callRejectArb(reasons), name).map(({ base, input }): XmlMutation => ({
        group: 'not-well-formed',
        fault,
        culprit: [],
        input,
        base,
      })),
    );
  });
  return { ...kinds, 'not-well-formed': [...kinds['not-well-formed'], ...grammar] };
});

/** A valid message made into a broken stanza by exactly one fault of class `g`, of any of its kinds. */
export function xmlMutationArb(reasons: ReasonList, g: XmlFaultGroup): fc.Arbitrary<XmlMutation> {
  return anyOfKinds(xmlMutationKinds(reasons)[g]);
}

import fc from 'fast-check';
import { JID_ATTRIBUTES, type AttributeFact, REQUIRED_ATTRIBUTES, escapeAttribute, type CallReject, perReasonList, type ReasonList } from '../spec/index.js';
import { attrsOf, modelOf, serializeModel, setAttr, type StanzaModel } from './_internals/stanza-model.js';
import { badReasonArb } from './bad-reason.js';
import { callRejectArb } from './call-reject.js';
import type { Fault, FaultGroup } from './fault.js';
import { malformedJidArb } from './malformed-jid.js';

/** A broken XML stanza, made from a valid message. */
export type XmlMutation = Fault<string> & { base: CallReject };

type Edit = { fault: string; culprit: string[]; apply: (m: StanzaModel) => string | void };

const names = (a: AttributeFact) => [a.name, a.field];
const calls = (fn: (xml: string) => string) => (m: StanzaModel) => fn(serializeModel(m));
const inValue = (raw: string) => (m: StanzaModel) => setAttr(m, 'reject', 'call-id', `x${raw}y`);

/** Ways to make the markup not well-formed, each named after its fault. */
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
  'unquoted-value': calls((x) => x.replace(/ id="([^"]*)"/, ' id=$1x')),
  'missing-equals': calls((x) => x.replace(/ id="/, ' id"')),
  'no-space-between-attributes': calls((x) => x.replace(/" to="/, '"to="')),
  'unterminated-value': calls((x) => x.replace(/" to="/, ' to="')),
  'truncated': calls((x) => x.slice(0, Math.max(1, x.length >> 1))),
};

/** Characters XML 1.0 cannot carry, raw and as character references. */
const FORBIDDEN: Record<string, string> = {
  'raw-nul': '\u0000', 'raw-control': '\u0001', 'raw-escape': '\u001b', 'raw-fffe': '\ufffe', 'raw-ffff': '\uffff',
  'lone-high-surrogate': '\ud800', 'lone-low-surrogate': '\udc00',
  'ref-nul': '&#0;', 'ref-control': '&#1;', 'ref-fffe': '&#xFFFE;', 'ref-surrogate': '&#xD800;', 'ref-beyond-unicode': '&#x110000;',
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

function group(g: FaultGroup, edits: fc.Arbitrary<Edit>): fc.Arbitrary<{ group: FaultGroup; edit: Edit }> {
  return edits.map((edit) => ({ group: g, edit }));
}

/** The edits of each fault class; `reasons` bounds what is outside the enum. */
const editArbs = perReasonList((reasons: ReasonList) => {
  const required = fc.constantFrom(...REQUIRED_ATTRIBUTES);
  const jidAttr = fc.constantFrom(...JID_ATTRIBUTES);
  const tag = (...t: string[]) => fc.constantFrom(...t);
  return {
    'missing-attribute': required.map((a): Edit => ({
      fault: `missing-attribute:${a.name}`, culprit: names(a),
      apply: (m) => { const l = attrsOf(m, a.element); l.splice(l.findIndex(([k]) => k === a.name), 1); },
    })),
    'empty-attribute': required.map((a): Edit => ({
      fault: `empty-attribute:${a.name}`, culprit: names(a), apply: (m) => setAttr(m, a.element, a.name, ''),
    })),
    'reason-outside-enum': badReasonArb(reasons).map((r): Edit => ({
      fault: `reason-outside-enum:${JSON.stringify(r)}`, culprit: ['reason'],
      apply: (m) => setAttr(m, 'reject', 'reason', escapeAttribute(r)),
    })),
    'malformed-jid': fc.tuple(jidAttr, malformedJidArb).map(([a, { kind, jid }]): Edit => ({
      fault: `malformed-jid:${a.name}:${kind}`, culprit: names(a),
      apply: (m) => setAttr(m, a.element, a.name, escapeAttribute(jid)),
    })),
    'wrong-child': tag('terminate', 'accept', 'offer', 'Reject').map((t): Edit => ({
      fault: `wrong-child:${t}`, culprit: ['reject', t], apply: (m) => void (m.children[0]!.tag = t),
    })),
    'no-child': tag('empty', 'whitespace').map((v): Edit => ({
      fault: `no-child:${v}`, culprit: ['reject'],
      apply: (m) => { m.children = []; m.text = v === 'whitespace' ? '\n  ' : ''; },
    })),
    'two-rejects': fc.boolean().map((same): Edit => ({
      fault: `two-rejects:${same ? 'identical' : 'different'}`, culprit: ['reject'],
      apply: (m) => void m.children.push({ tag: 'reject', attrs: m.children[0]!.attrs.map(([k, v]) => [k, same || k !== 'call-id' ? v : `${v}2`]) }),
    })),
    'extra-child': fc.tuple(tag('terminate', 'x', 'accept', 'reject-extra'), fc.boolean()).map(([t, first]): Edit => ({
      fault: `extra-child:${t}:${first ? 'before' : 'after'}`, culprit: ['reject', 'call', t],
      apply: (m) => void m.children[first ? 'unshift' : 'push']({ tag: t, attrs: [] }),
    })),
    'wrong-root': tag('iq', 'message', 'receipt', 'Call', 'terminate').map((t): Edit => ({
      fault: `wrong-root:${t}`, culprit: ['call', t], apply: (m) => void (m.root = t),
    })),
    'stray-text': tag('hello', '&amp;', 'x ').map((t): Edit => ({
      fault: `stray-text:${JSON.stringify(t)}`, culprit: ['call', 'text'], apply: (m) => void (m.text = t),
    })),
    'not-well-formed': fc.constantFrom(...Object.keys(NOT_WELL_FORMED)).map((k): Edit => ({
      fault: `not-well-formed:${k}`, culprit: [], apply: NOT_WELL_FORMED[k]!,
    })),
    'forbidden-character': fc.constantFrom(...Object.keys(FORBIDDEN)).map((k): Edit => ({
      fault: `forbidden-character:${k}`, culprit: [], apply: inValue(FORBIDDEN[k]!),
    })),
    doctype: fc.constantFrom(...Object.keys(DOCTYPES)).map((k): Edit => ({
      fault: `doctype:${k}`, culprit: [], apply: DOCTYPES[k]!,
    })),
  } satisfies Partial<Record<FaultGroup, fc.Arbitrary<Edit>>>;
});

/** The fault classes {@link xmlMutationArb} makes. */
export type XmlFaultGroup = keyof ReturnType<typeof editArbs>;

/** The XML fault classes, in the order checks list them. */
export const XML_FAULT_GROUPS = Object.keys(editArbs({ values: ['x'], onReject: [], extended: [] })) as XmlFaultGroup[];

/**
 * A valid message made into a broken stanza by exactly one fault of class
 * `g`: a required attribute dropped or empty, a reason outside the enum, a
 * malformed JID, the wrong children, markup that is not well-formed, a
 * character XML cannot carry, a DOCTYPE.
 */
export function xmlMutationArb(reasons: ReasonList, g: XmlFaultGroup): fc.Arbitrary<XmlMutation> {
  return fc.tuple(callRejectArb(reasons), group(g, editArbs(reasons)[g])).map(([base, { edit }]) => {
    const model = modelOf(base);
    const xml = edit.apply(model) ?? serializeModel(model);
    return { group: g, fault: edit.fault, culprit: edit.culprit, input: xml, base };
  });
}

/**
 * The not-well-formed kinds derived from the XML 1.0 grammar, kind by kind,
 * held to a second XML parser the suite does not use (@rgrove/parse-xml,
 * strict and pure JavaScript) and to the independent scanner
 * (test/fixtures/independent): every kept case is refused by both, every
 * valid rendering is read by @rgrove/parse-xml as its message. Where the
 * parsers disagree, the case was examined against the XML 1.0 text and the
 * decision is written down below, not silenced.
 */
import { parseXml as secondParser, type XmlElement as SecondElement } from '@rgrove/parse-xml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callRejectArb, xmlMutationKinds, xmlRenderingKinds, type RenderingFeature } from '../../arbitraries/index.js';
import {
  GRAMMAR_EDITS,
  GRAMMAR_KIND_NAMES,
  grammarEdited,
  grammarLayout,
  grammarMessage,
  grammarText,
  grammarTokens,
} from '../../arbitraries/xml-grammar.js';
import { referenceXmlAdapter } from '../../adapters/reference/xml.js';
import { messageProblems, PAGE_EXAMPLE, parseXml, readStanza, reasonList, stanzaAttributes, type CallReject } from '../../spec/index.js';
import { judgeXml, normal } from '../fixtures/independent/judge.js';

const reasons = reasonList();
const messages = fc.sample(callRejectArb(reasons), { numRuns: 40, seed: 1717 });

const refuses = (parse: (x: string) => unknown, xml: string) => {
  try {
    parse(xml);
    return false;
  } catch {
    return true;
  }
};

/**
 * Cases @rgrove/parse-xml 4.2 reads though XML 1.0 says they are not
 * well-formed: its known gaps. Each was examined against the XML 1.0 (Fifth
 * Edition) text; the decision is the suite's (saxes and the scanner refuse
 * them, and so must a decoder). The test asserts each gap is still a gap, so
 * that a fixed parser, or an edit that no longer makes the case, shows up.
 */
const SECOND_PARSER_GAPS: Readonly<Record<string, string>> = {
  'xml-decl:drop-space-before-standalone':
    '[32] SDDecl ::= S "standalone" Eq (…): the white space before standalone is required, as it is before encoding ' +
    '([80] EncodingDecl ::= S "encoding" …). @rgrove/parse-xml skips optional white space after the encoding declaration ' +
    'and so reads encoding="UTF-8"standalone="yes". Not well-formed: a decoder must refuse it.',
};

/**
 * Cases the independent scanner reads though they are not well-formed. The
 * scanner is written for one stanza, strict where a stanza needs it; none is
 * known today (it was made to check the PI target and white space, and a
 * comment ending in "-", for these kinds).
 */
const SCANNER_GAPS: Readonly<Record<string, string>> = {};

describe('the grammar rendering a kind edits', () => {
  for (const layout of ['content', 'empty'] as const) {
    it(`(${layout}) is a valid stanza meaning its message, to the oracle, the scanner, the second parser and the reference decoder`, () => {
      const decode = referenceXmlAdapter(reasons).reject.decode!;
      for (const m of messages) {
        const msg = grammarMessage(m);
        const xml = grammarText(grammarTokens(m, layout));
        expect(messageProblems(msg, reasons), xml).toEqual([]);
        expect(readStanza(xml, 'xml', reasons).problems, xml).toEqual([]);
        const j = judgeXml(xml);
        expect(j.ok && j.message, xml).toEqual(normal(msg));
        expect(decode(xml), xml).toEqual(msg);
        expect(secondParser(xml).root!.name).toBe('call');
      }
    });
  }

  it('holds every production the kinds name', () => {
    const roles = (layout: 'content' | 'empty') => grammarTokens(messages[0]!, layout).map((t) => t.role);
    const content = roles('content').join(' ');
    for (const r of [
      'decl.version',
      'decl.encoding',
      'decl.standalone',
      'prolog.comment',
      'prolog.pi',
      'call.id.char-ref',
      'call.id.entity-ref',
      'reject.call-id.char-ref',
      'content.text',
      'content.ref',
      'content.cdata',
      'content.comment',
      'content.pi',
      'reject.end',
      'call.end',
      'epilog.comment',
      'epilog.pi',
    ])
      expect(content, r).toContain(r);
    expect(roles('empty')).toContain('reject.slash');
    expect(roles('empty')).not.toContain('reject.end.open');
  });
});

describe('each grammar kind, unfiltered, is not well-formed', () => {
  it('is named production:edit, productions from the grammar, a reasonable number of them', () => {
    expect(Object.keys(GRAMMAR_EDITS)).toEqual([
      'xml-decl',
      'comment',
      'pi',
      'misc',
      's-tag',
      'empty-elem-tag',
      'e-tag',
      'attribute',
      'eq',
      'att-value',
      'char-ref',
      'entity-ref',
      'content',
      'cdata',
      'after-root',
    ]);
    expect(GRAMMAR_KIND_NAMES.length).toBeGreaterThanOrEqual(60);
    expect(GRAMMAR_KIND_NAMES.length).toBeLessThanOrEqual(150);
    for (const g of Object.keys(SECOND_PARSER_GAPS)) expect(GRAMMAR_KIND_NAMES).toContain(g);
  });

  for (const name of GRAMMAR_KIND_NAMES) {
    it(name, () => {
      for (const m of messages) {
        const xml = grammarEdited(m, name);
        const where = `${name}\n${JSON.stringify(xml)}`;
        // a single edit: the valid rendering is changed
        expect(xml, where).not.toBe(grammarText(grammarTokens(m, grammarLayout(name))));
        // built so, not filtered so: the suite's oracle refuses every one
        expect(refuses(parseXml, xml), `oracle reads ${where}`).toBe(true);
        expect(refuses(secondParser, xml), `@rgrove/parse-xml reads ${where}`).toBe(!SECOND_PARSER_GAPS[name]);
        expect(judgeXml(xml).ok, `scanner reads ${where}`).toBe(!!SCANNER_GAPS[name]);
      }
    });
  }
});

describe('every kind of the not-well-formed and forbidden-character classes, as drawn', () => {
  it('not-well-formed holds the fixed list and every grammar kind, each once, in table order', () => {
    const names = xmlMutationKinds(reasons)['not-well-formed'].map((k) => k.name);
    expect(names.slice(-GRAMMAR_KIND_NAMES.length)).toEqual(GRAMMAR_KIND_NAMES.map((n) => `not-well-formed:${n}`));
    expect(new Set(names).size).toBe(names.length);
  });

  const gap = (fault: string) => SECOND_PARSER_GAPS[fault.replace(/^not-well-formed:/, '')];
  for (const g of ['not-well-formed', 'forbidden-character'] as const) {
    for (const k of xmlMutationKinds(reasons)[g]) {
      it(`${k.name}: refused by @rgrove/parse-xml${gap(k.name) ? ' (no: a known gap, see SECOND_PARSER_GAPS)' : ''} and by the scanner`, () => {
        for (const f of fc.sample(k.arbitrary, { numRuns: 20, seed: 29 })) {
          expect(f.fault).toBe(k.name);
          expect(refuses(parseXml, f.input), f.input).toBe(true);
          expect(refuses(secondParser, f.input), f.input).toBe(!gap(k.name));
          expect(judgeXml(f.input).ok, f.input).toBe(false);
        }
      });
    }
  }
});

const ALL: RenderingFeature[] = ['layout', 'refs', 'extras', 'content', 'comments', 'raw-spaces'];

/** The attributes @rgrove/parse-xml reads, as the page's pairs of the message they mean. */
function secondReading(xml: string): { call: [string, string][]; reject: [string, string][] } {
  const root = secondParser(xml).root!;
  const rejects = root.children.filter((c): c is SecondElement => 'name' in c && c.name === 'reject');
  expect(root.name).toBe('call');
  expect(rejects).toHaveLength(1);
  return { call: Object.entries(root.attributes), reject: Object.entries(rejects[0]!.attributes) };
}

function expectReadAs(xml: string, message: CallReject) {
  const got = secondReading(xml);
  const want = stanzaAttributes(message);
  for (const el of ['call', 'reject'] as const) {
    const read = Object.fromEntries(got[el]);
    for (const [k, v] of want[el]) expect(read[k], `${el} ${k} in ${JSON.stringify(xml)}`).toBe(v);
  }
}

describe('every valid rendering is well-formed to @rgrove/parse-xml, and means its message', () => {
  it('the plain rendering of each message kind', () => {
    for (const k of xmlRenderingKinds(reasons, []))
      for (const r of fc.sample(k.arbitrary, { numRuns: 10, seed: 31 })) expectReadAs(r.xml, r.message);
  });
  for (const f of ALL) {
    for (const k of xmlRenderingKinds(reasons, [f, ...ALL.filter((g) => g !== f)])) {
      it(`${k.name}, every other feature on`, () => {
        for (const r of fc.sample(k.arbitrary, { numRuns: 30, seed: 37 })) expectReadAs(r.xml, r.message);
      });
    }
  }
  it('the page example', () => expectReadAs(PAGE_EXAMPLE.xml, PAGE_EXAMPLE.message));
});

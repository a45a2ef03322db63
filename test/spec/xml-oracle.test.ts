/**
 * The XML oracle: what the suite reads out of an encoder's XML must follow
 * XML 1.0 exactly, or faults slip through. These are the cases issue 2
 * measured, run against the oracle (saxes, through spec/xml/parse.ts) and the
 * canonical writer (spec/xml/write.ts); the last block records why
 * fast-xml-parser 5.12 is not the oracle.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeAttribute, ownText, parseXml, writeXml, XmlSyntaxError, XmlWriteError } from '../../spec/index.js';

const attr = (xml: string, name = 'v') => parseXml(xml).root.attrs[name];

describe('the oracle reads attribute values as XML 1.0 says', () => {
  it('decodes character references: &#10; &#9; &#13; &#x1F600; &amp; &lt; &gt; &quot; &apos;', () => {
    expect(attr('<a v="x&#10;y"/>')).toBe('x\ny');
    expect(attr('<a v="&#9;&#13;&#x1F600;"/>')).toBe('\t\r\u{1F600}');
    expect(attr(`<a v="&amp;&lt;&gt;&quot;&apos;"/>`)).toBe(`&<>"'`);
  });

  it('normalizes a raw newline, tab or CR in a value to a space', () => {
    expect(attr('<a v="x\ny"/>')).toBe('x y');
    expect(attr('<a v="x\ty"/>')).toBe('x y');
    expect(attr('<a v="x\ry"/>')).toBe('x y');
  });

  it('reads a raw CR LF pair as one space (end-of-line handling comes first)', () => {
    expect(attr('<a v="x\r\ny"/>')).toBe('x y');
  });

  it('keeps either quote style and the other quote inside it', () => {
    expect(attr(`<a v='say "hi"'/>`)).toBe('say "hi"');
    expect(attr(`<a v="it's"/>`)).toBe("it's");
  });

  it('keeps a CDATA section as the text it holds, so text hidden in one is still text', () => {
    expect(ownText(parseXml('<call><![CDATA[x]]><reject/></call>').root)).toBe('x');
    expect(ownText(parseXml('<call><![CDATA[<reject/>]]></call>').root)).toBe('<reject/>');
    expect(ownText(parseXml('<call><![CDATA[]]><reject/></call>').root)).toBe('');
  });

  it('reports a DOCTYPE instead of hiding it', () => {
    expect(parseXml('<!DOCTYPE a><a/>').doctype).toBeDefined();
    expect(parseXml('<a/>').doctype).toBeUndefined();
  });
});

describe('the oracle refuses what is not well-formed', () => {
  const cases: [string, string][] = [
    ['a bare & in a value', '<a v="x & y"/>'],
    ['a raw < in a value', '<a v="x < y"/>'],
    ['two root elements', '<a/><b/>'],
    ['&#0;', '<a v="&#0;"/>'],
    ['an undeclared entity', '<a v="&foo;"/>'],
    ['a duplicate attribute', '<a v="1" v="2"/>'],
    ['an unclosed tag', '<a><b></a>'],
    ['crossed tags', '<a><b></a></b>'],
    ['a control character', '<a v="\u0001"/>'],
    ['a lone surrogate', '<a v="\uD800"/>'],
    ['an unquoted value', '<a v=1/>'],
    ['no root element', '<?xml version="1.0"?>'],
    ['text after the root', '<a/>x'],
  ];
  for (const [what, xml] of cases) {
    it(`refuses ${what}`, () => {
      expect(() => parseXml(xml)).toThrow(XmlSyntaxError);
    });
  }
});

describe('the canonical writer', () => {
  it('escapes tab, newline and CR as character references, and & < > " \'', () => {
    expect(escapeAttribute('\t\n\r')).toBe('&#9;&#10;&#13;');
    expect(escapeAttribute(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&apos;');
  });

  it('writes values that the oracle reads back unchanged, whitespace included', () => {
    const value = ' a\tb\nc\r\nd & <e> "f" \'g\' \u{1F600}e\u0301 ';
    const xml = writeXml({ name: 'a', attrs: [['v', value]], children: [] });
    expect(attr(xml)).toBe(value);
  });

  it('refuses characters XML cannot carry instead of writing them', () => {
    for (const bad of ['\u0000', '\u0008', '\uFFFE', '\uD800', 'x\uDC00']) {
      expect(() => escapeAttribute(bad), JSON.stringify(bad)).toThrow(XmlWriteError);
    }
  });
});

describe('fast-xml-parser 5.12, measured: why it is not the oracle', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

  it('leaves &#10; undecoded and does no attribute-value normalization', () => {
    expect(parser.parse('<a v="x&#10;y"/>').a.v).toBe('x&#10;y');
    expect(parser.parse('<a v="x\ny"/>').a.v).toBe('x\ny');
  });

  it('has a validator that accepts a bare &, a raw <, two roots, &#0; and undeclared entities', () => {
    for (const xml of ['<a v="x & y"/>', '<a v="x < y"/>', '<a/><b/>', '<a v="&#0;"/>', '<a v="&foo;"/>']) {
      expect(XMLValidator.validate(xml), xml).toBe(true);
    }
  });

  it('has a builder that writes raw newlines and tabs into attribute values', () => {
    const built = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '' }).build({ a: { v: 'x\ny\tz' } });
    expect(built).toContain('x\ny\tz');
  });
});

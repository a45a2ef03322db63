/** How capture files are cut into stanzas, and how a file's format is decided. */
import { describe, expect, it } from 'vitest';
import { readCaptures } from '../../runner/evidence/index.js';
import { PAGE_EXAMPLE } from '../../spec/index.js';
import { scratch } from '../helpers/cli.js';
import { capture } from './helpers.js';

const ONE = '<call from="a@lid" to="b@lid" id="1"><reject call-id="c1" call-creator="b@lid"/></call>';
const TWO = '<call from="a@lid" to="b@lid" id="2"><reject call-id="c2" call-creator="b@lid"/></call>';
const read = (file: string) => [...readCaptures([file])].map((s) => ({ line: s.line, format: s.format, by: s.by, value: s.value }));

describe('reading XML captures', () => {
  const dir = scratch('evidence-read');

  it('takes one stanza per line, and a stanza over several lines up to a blank line', () => {
    const file = capture(dir, 'mixed.xml', `${ONE}\n${TWO}\n\n${PAGE_EXAMPLE.xml}\n\n\n${ONE}\n`);
    expect(read(file).map((s) => [s.line, s.value])).toEqual([
      [1, ONE],
      [2, TWO],
      [4, PAGE_EXAMPLE.xml],
      [9, ONE],
    ]);
  });

  it('goes on with a stanza at a line that begins with white space, </ or >, or after a prolog alone', () => {
    const stanza =
      '<?xml version="1.0"?>\n<!DOCTYPE call>\n<call from="a@lid"\n   to="b@lid" id="1"\n><reject call-id="c1" call-creator="b@lid"\n/></call>';
    const file = capture(
      dir,
      'layout.xml',
      `${stanza}\n${ONE}\n<call from="x@lid" to="y@lid" id="3">\n<reject call-id="c" call-creator="y@lid"/>\n</call>\n`,
    );
    expect(read(file).map((s) => [s.line, s.value])).toEqual([
      [1, stanza],
      [7, ONE],
      [8, '<call from="x@lid" to="y@lid" id="3">'],
      [9, '<reject call-id="c" call-creator="y@lid"/>\n</call>'],
    ]);
  });

  it('keeps a stanza cut short on its own line: it never swallows the next one', () => {
    const file = capture(dir, 'cut.xml', `${ONE.slice(0, 30)}\n${TWO}\n`);
    expect(read(file).map((s) => s.line)).toEqual([1, 2]);
  });

  it('drops a BOM and the CR of CRLF line ends; a .txt file is XML too', () => {
    const file = capture(dir, 'crlf.txt', `\uFEFF${ONE}\r\n${TWO}\r\n`);
    expect(read(file)).toEqual([
      { line: 1, format: 'xml', by: 'extension', value: ONE },
      { line: 2, format: 'xml', by: 'extension', value: TWO },
    ]);
  });
});

describe('deciding the format', () => {
  const dir = scratch('evidence-format');

  it('by the name: .xml and .txt are XML, .jsonl and .ndjson JSON lines, in any case', () => {
    expect(read(capture(dir, 'a.XML', `${ONE}\n`))[0]).toMatchObject({ format: 'xml', by: 'extension' });
    expect(read(capture(dir, 'a.NDJSON', '{"tag":"call","attrs":{}}\n'))[0]).toMatchObject({ format: 'jsonl', by: 'extension' });
  });

  it('else by the first non-blank character', () => {
    expect(read(capture(dir, 'capture.log', `\n\n  ${ONE}\n`))[0]).toMatchObject({ line: 3, format: 'xml', by: 'content' });
    expect(read(capture(dir, 'capture', '\n{"tag":"call","attrs":{}}\n\n{"tag":"ack","attrs":{}}\n'))).toEqual([
      { line: 2, format: 'jsonl', by: 'content', value: { tag: 'call', attrs: {} } },
      { line: 4, format: 'jsonl', by: 'content', value: { tag: 'ack', attrs: {} } },
    ]);
  });

  it('by the name even when the content says otherwise: a .xml file of JSON is refused as XML', () => {
    expect(() => read(capture(dir, 'wrong.xml', '{"tag":"call","attrs":{}}\n'))).toThrow(
      /wrong\.xml:1: not a stanza \(begins with "\{\\"tag\\":\\"call\\"/,
    );
  });

  it('keeps file order, file after file', () => {
    const a = capture(dir, 'one.xml', `${ONE}\n`);
    const b = capture(dir, 'two.jsonl', '{"tag":"call","attrs":{}}\n');
    expect([...readCaptures([a, b])].map((s) => [s.file, s.line, s.format])).toEqual([
      [a, 1, 'xml'],
      [b, 1, 'jsonl'],
    ]);
  });
});

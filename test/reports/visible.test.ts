/** visible(): every character that does not show as itself comes out as its escape; ordinary text stays as it is. */
import { describe, expect, it } from 'vitest';
import { escapeCodePoint, visible } from '../../reports/_internals/visible.js';

describe('visible', () => {
  it('writes controls, invisible and look-alike characters as JavaScript escapes', () => {
    const cases: [string, string][] = [
      ['\u0000', '\\u0000'],
      ['\u0007', '\\u0007'],
      ['\u001b]52;c;eA==\u0007', '\\u001B]52;c;eA==\\u0007'],
      ['\u007f', '\\u007F'],
      ['\u0085', '\\u0085'],
      ['\u009b31m', '\\u009B31m'],
      ['\u00a0', '\\u00A0'],
      ['\u00ad', '\\u00AD'],
      ['\u061c', '\\u061C'],
      ['\u200b\u200c\u200d', '\\u200B\\u200C\\u200D'],
      ['\u200e\u200f', '\\u200E\\u200F'],
      ['\u2028\u2029', '\\u2028\\u2029'],
      ['\u202a\u202e\u2066\u2069', '\\u202A\\u202E\\u2066\\u2069'],
      ['\u2000\u3000\u202f', '\\u2000\\u3000\\u202F'],
      ['\u2060', '\\u2060'],
      ['\ufeff', '\\uFEFF'],
      ['\ufffe\uffff', '\\uFFFE\\uFFFF'],
      ['\ud800', '\\uD800'],
      ['\ude00', '\\uDE00'],
      ['\ue000', '\\uE000'],
      ['\ud7ff', '\\uD7FF'],
      ['\u3164', '\\u3164'],
      ['\u034f', '\\u034F'],
      ['\u{E0041}', '\\u{E0041}'],
      ['\u{10FFFD}', '\\u{10FFFD}'],
      ['a\rb\tc\nd', 'a\\rb\\tc\\nd'],
    ];
    for (const [raw, shown] of cases) expect(visible(raw), escape(raw)).toBe(shown);
    expect(escapeCodePoint(0x1f600)).toBe('\\u{1F600}');
  });

  it('escapes a combining mark with nothing to sit on, or one that would read as a precomposed letter', () => {
    expect(visible('\u0301')).toBe('\\u0301');
    expect(visible('" \u0308"')).toBe('" \\u0308"');
    expect(visible('e\u0301')).toBe('e\\u0301');
    expect(visible('\u2028\u0301')).toBe('\\u2028\\u0301');
  });

  it('keeps ordinary text as it is: accents, CJK, scripts built of marks, emoji and their variation selectors', () => {
    for (const text of ['é', '日本語', 'Ünïcödé', 'हिन्दी', 'العربية', 'ไทย', 'ẹ́', '😀', '❤️', '⚠️', '1️⃣', '<&>"\'\\`|[]()', ' padded ']) {
      expect(visible(text), text).toBe(text);
    }
  });

  it('keeps line breaks only when asked, and never a carriage return', () => {
    expect(visible('a\nb', { newlines: true })).toBe('a\nb');
    expect(visible('a\r\nb', { newlines: true })).toBe('a\\r\nb');
  });

  it('is stable: what it wrote shows as itself', () => {
    const text = 'x\u0000\u2028e\u0301\u{E0041}\ud800 é';
    expect(visible(visible(text))).toBe(visible(text));
  });
});

const escape = (s: string) => JSON.stringify(s);

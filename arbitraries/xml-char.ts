import fc from 'fast-check';

/** Characters with a meaning in XML markup. */
export const XML_SPECIALS = ['&', '<', '>', '"', "'"] as const;

/** XML white space: written raw into an attribute value, each reads back as a space. */
export const XML_WHITESPACE = ['\t', '\n', '\r', ' '] as const;

/**
 * Characters that are valid XML but trip naive code, by name: combining marks,
 * joiners, BOM, C1 controls, look-alike spaces, line separators, the last
 * code points before and after the surrogates, private use, astral.
 */
export const TRICKY_CHAR_TABLE: Readonly<Record<string, string>> = {
  'combining-acute': '\u0301',
  'combining-diaeresis': '\u0308',
  zwj: '\u200d',
  zwnj: '\u200c',
  bom: '\ufeff',
  'c1-padding': '\u0080',
  'next-line': '\u0085',
  'c1-csi': '\u009b',
  nbsp: '\u00a0',
  del: '\u007f',
  'line-separator': '\u2028',
  'paragraph-separator': '\u2029',
  'ideographic-space': '\u3000',
  'last-before-surrogates': '\ud7ff',
  'private-use': '\ue000',
  replacement: '\ufffd',
  astral: '\u{1F600}',
  'astral-last': '\u{10FFFD}',
};

/** The characters of {@link TRICKY_CHAR_TABLE}. */
export const TRICKY_CHARS: readonly string[] = Object.values(TRICKY_CHAR_TABLE);

/** Every character a value is tried with, by name: the markup specials, XML white space and the tricky ones. */
export const CHAR_TABLE: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  tab: '\t',
  lf: '\n',
  cr: '\r',
  space: ' ',
  ...TRICKY_CHAR_TABLE,
};

const fromCodePoint = (cp: number) => String.fromCodePoint(cp);

/**
 * One character that XML 1.0 can carry, biased toward the ones codecs get
 * wrong: markup specials, white space, astral and combining characters.
 */
export const xmlCharArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...XML_SPECIALS, ...XML_WHITESPACE) },
  { weight: 8, arbitrary: fc.integer({ min: 0x21, max: 0x7e }).map(fromCodePoint) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY_CHARS) },
  { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xd7ff }).map(fromCodePoint) },
  { weight: 1, arbitrary: fc.integer({ min: 0xe000, max: 0xfffd }).map(fromCodePoint) },
  { weight: 2, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map(fromCodePoint) },
);

import fc from 'fast-check';

/** Characters with a meaning in XML markup. */
export const XML_SPECIALS = ['&', '<', '>', '"', "'"] as const;

/** XML white space: written raw into an attribute value, each reads back as a space. */
export const XML_WHITESPACE = ['\t', '\n', '\r', ' '] as const;

/** Characters that are valid XML but trip naive code: combining marks, joiners, BOM, C1 controls, look-alike spaces. */
export const TRICKY_CHARS = ['\u0301', '\u0308', '\u200d', '\ufeff', '\u0085', '\u2028', '\u00a0', '\u007f', '\ud7ff', '\ue000', '\ufffd'] as const;

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

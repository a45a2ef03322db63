import fc from 'fast-check';
import { XML_SPECIALS, xmlCharArb } from './xml-char.js';

/** Names of JavaScript built-in properties: a codec keeping values in a plain object may trip on them. */
export const BUILTIN_PROPERTY_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'length'] as const;

/** Call-ids every run tries first: the edges of the valid space. */
export const CALL_ID_EDGES: readonly string[] = [
  'CALLID-0001-synthetic',
  'A',
  ' ',
  XML_SPECIALS.join(''),
  ' padded ',
  '\tA\nB\rC',
  'x\r\ny',
  '😀',
  'e\u0301',
  '&amp;',
  '&#10;',
  ']]>',
  ...BUILTIN_PROPERTY_NAMES,
  'F'.repeat(4096),
];

const upperHex = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789ABCDEF'), minLength: length, maxLength: length });

/** Realistic WhatsApp call-ids: 32 upper-case hex digits. */
export const realisticCallIdArb = upperHex(32);

/**
 * A call-id: any non-empty text that XML can carry, from realistic to hostile
 * (markup specials, white space at either end, CR/LF/tab, astral and
 * combining characters, built-in property names, very long).
 */
export const callIdArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: realisticCallIdArb },
  { weight: 4, arbitrary: fc.string({ unit: xmlCharArb, minLength: 1, maxLength: 24 }) },
  { weight: 1, arbitrary: fc.constantFrom(...BUILTIN_PROPERTY_NAMES) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(' ', '\t', '\n', '\r', '\r\n'), realisticCallIdArb, fc.constantFrom('', ' ', '\n', '\t'))
      .map(([a, b, c]) => a + b + c),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit: xmlCharArb, minLength: 1, maxLength: 8 }), fc.integer({ min: 64, max: 1024 }))
      .map(([chunk, times]) => chunk.repeat(times)),
  },
);

/** A stanza id: realistic (10 upper-case hex digits, as on the page) or any non-empty XML text. */
export const stanzaIdArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: upperHex(10) },
  { weight: 2, arbitrary: fc.string({ unit: xmlCharArb, minLength: 1, maxLength: 16 }) },
  { weight: 1, arbitrary: fc.constantFrom(...BUILTIN_PROPERTY_NAMES) },
);

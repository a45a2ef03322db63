import fc from 'fast-check';
import { anyOfKinds, kind, kindsOfTable, type CaseKind } from './kinds.js';
import { CHAR_TABLE, XML_SPECIALS, xmlCharArb } from './xml-char.js';

/** Names of JavaScript built-in properties: a codec keeping values in a plain object may trip on them. */
export const BUILTIN_PROPERTY_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'length'] as const;

/**
 * Every name a plain JavaScript object answers without holding it: each own
 * property of `Object.prototype` (`__proto__`, `constructor`, `valueOf`,
 * `isPrototypeOf`, `__defineGetter__`…) and `prototype` and `length`. A
 * check written `value in TABLE` or `TABLE[value]` takes each of them.
 */
export const PROTOTYPE_PROPERTY_NAMES: readonly string[] = [
  ...BUILTIN_PROPERTY_NAMES,
  ...[
    'isPrototypeOf',
    'propertyIsEnumerable',
    'toLocaleString',
    '__defineGetter__',
    '__defineSetter__',
    '__lookupGetter__',
    '__lookupSetter__',
  ].filter((n) => !(BUILTIN_PROPERTY_NAMES as readonly string[]).includes(n)),
];

/**
 * Texts a type-coercing parser changes, by name: an XML library with
 * attribute-value parsing on reads `007` as 7, `1e3` as 1000, `0x1F` as 31,
 * `-0` as 0, ` 12 ` as 12, `true` as a boolean; a JSON or YAML layer takes
 * `null`, `NaN`, `Infinity`. Each is a valid text and must come back as written.
 */
export const COERCED_TEXT_TABLE: Readonly<Record<string, string>> = {
  'all-digits': '1234567890',
  'leading-zeros': '007',
  'big-number': '12345678901234567890',
  hex: '0x1F',
  exponent: '1e3',
  'negative-zero': '-0',
  decimal: '1.50',
  'plus-sign': '+5',
  'padded-number': ' 12 ',
  infinity: 'Infinity',
  nan: 'NaN',
  true: 'true',
  false: 'false',
  null: 'null',
  undefined: 'undefined',
};

/** Text values every run tries, by name: the edges of the valid space of a call-id (and a stanza id). */
export const TEXT_EDGE_TABLE: Readonly<Record<string, string>> = {
  page: 'CALLID-0001-synthetic',
  'one-char': 'A',
  'space-only': ' ',
  'xml-specials': XML_SPECIALS.join(''),
  padded: ' padded ',
  'inner-controls': '\tA\nB\rC',
  crlf: 'x\r\ny',
  astral: '😀',
  'decomposed-accent': 'e\u0301',
  'entity-text': '&amp;',
  'entities-text': '&lt;b&gt;&amp;lt;',
  'char-ref-text': '&#10;',
  'cdata-end': ']]>',
  ...Object.fromEntries(PROTOTYPE_PROPERTY_NAMES.map((n) => [`builtin-${n.replace(/_/g, '')}`, n])),
  long: 'F'.repeat(4096),
};

/** The values of {@link TEXT_EDGE_TABLE}. */
export const CALL_ID_EDGES: readonly string[] = Object.values(TEXT_EDGE_TABLE);

const upperHex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789ABCDEF'), minLength: length, maxLength: length });

/** Realistic WhatsApp call-ids: 32 upper-case hex digits (often starting 00), or 3A and 18 hex digits. */
export const realisticCallIdArb: fc.Arbitrary<string> = fc.oneof(
  upperHex(32),
  upperHex(30).map((h) => `00${h}`),
  upperHex(18).map((h) => `3A${h}`),
);

/** Realistic stanza ids: 3EB0 and 18 hex digits, 32 hex digits, or the page's 10. */
export const realisticStanzaIdArb: fc.Arbitrary<string> = fc.oneof(
  upperHex(18).map((h) => `3EB0${h}`),
  upperHex(32),
  upperHex(10),
);

const xmlText = (max: number) => fc.string({ unit: xmlCharArb, minLength: 1, maxLength: max });

/** `ch` put somewhere in a short XML text (at either end too). */
const holding = (ch: string) =>
  fc.tuple(fc.string({ unit: xmlCharArb, maxLength: 6 }), fc.string({ unit: xmlCharArb, maxLength: 6 })).map(([a, b]) => `${a}${ch}${b}`);

/** The classes of random call-ids, by name, with their share of random cases. */
const CALL_ID_CLASSES: CaseKind<string>[] = [
  kind('realistic', realisticCallIdArb, 6),
  kind(
    'realistic-lower-case',
    realisticCallIdArb.map((id) => id.toLowerCase()),
    1,
  ),
  kind('any-xml-text', xmlText(24), 8),
  kind(
    'padded-realistic',
    fc
      .tuple(fc.constantFrom(' ', '\t', '\n', '\r', '\r\n'), realisticCallIdArb, fc.constantFrom('', ' ', '\n', '\t'))
      .map(([a, b, c]) => a + b + c),
    2,
  ),
  kind(
    'long-repeat',
    fc.tuple(xmlText(8), fc.integer({ min: 64, max: 1024 })).map(([chunk, times]) => chunk.repeat(times)),
    1,
  ),
];

/**
 * The kinds of call-id text: each edge of {@link TEXT_EDGE_TABLE}, each
 * character of the character table inside a text, each text a type-coercing
 * parser changes ({@link COERCED_TEXT_TABLE}), and the random classes
 * (realistic, any XML text, padded, very long). The same text kinds serve
 * any field that carries free text.
 */
export const TEXT_KINDS: readonly CaseKind<string>[] = [
  ...kindsOfTable('edge', TEXT_EDGE_TABLE, (v) => fc.constant(v), 0.25),
  ...kindsOfTable('char', CHAR_TABLE, holding, 0.5),
  // tried once in every run, never drawn at random: they leave the share of real traffic as it was
  ...kindsOfTable('coerced', COERCED_TEXT_TABLE, (v) => fc.constant(v), 0),
  ...CALL_ID_CLASSES,
];

/**
 * A call-id: any non-empty text that XML can carry, from realistic to hostile
 * (markup specials, white space at either end, CR/LF/tab, astral and
 * combining characters, built-in property names, very long).
 */
export const callIdArb: fc.Arbitrary<string> = anyOfKinds(TEXT_KINDS);

/** The kinds of stanza id: realistic ones, any XML text, built-in property names. */
export const STANZA_ID_KINDS: readonly CaseKind<string>[] = [
  kind('realistic', realisticStanzaIdArb, 3),
  kind('any-xml-text', xmlText(16), 2),
  kind('builtin-name', fc.constantFrom(...BUILTIN_PROPERTY_NAMES), 1),
];

/** A stanza id: realistic (10 upper-case hex digits, as on the page) or any non-empty XML text. */
export const stanzaIdArb: fc.Arbitrary<string> = anyOfKinds(STANZA_ID_KINDS);

import fc from 'fast-check';
import { formatJid, JID_NUMBER_MAX, parseJid, type JidParts } from '../spec/index.js';
import { kind, kindsOfTable, type CaseKind } from './kinds.js';
import { jidPartsArb } from './jid.js';
import { PROTOTYPE_PROPERTY_NAMES, TEXT_EDGE_TABLE } from './text.js';

const at = (p: JidParts, user: string, server = p.server) => `${user}${p.agent === undefined ? '' : `.${p.agent}`}@${server}`;

/**
 * Each kind of malformed JID, named after its fault, made from a valid JID's
 * parts. Every result is refused by the grammar (tested in test/arbitraries).
 * The hand-picked shapes the suite began with; {@link DERIVED_MALFORMED_JIDS}
 * derives the rest from the grammar.
 */
export const MALFORMED_JIDS: Readonly<Record<string, (p: JidParts) => string>> = {
  'no-at': (p) => `${p.user}${p.server}`,
  'two-at': (p) => `${formatJid(p)}@${p.server}`,
  'empty-user': (p) => `@${p.server}`,
  'empty-server': (p) => `${p.user}@`,
  'device-out-of-range': (p) => formatJid({ ...p, device: JID_NUMBER_MAX + 1 }),
  'agent-out-of-range': (p) => formatJid({ ...p, agent: 1000 }),
  'device-not-a-number': (p) => `${p.user}:x@${p.server}`,
  'device-negative': (p) => `${p.user}:-1@${p.server}`,
  'device-leading-zero': (p) => `${p.user}:0${p.device ?? 7}@${p.server}`,
  'device-empty': (p) => `${p.user}:@${p.server}`,
  'agent-empty': (p) => `${p.user}.:1@${p.server}`,
  'device-before-agent': (p) => `${p.user}:1.2@${p.server}`,
  'leading-space': (p) => ` ${formatJid(p)}`,
  'trailing-space': (p) => `${formatJid(p)} `,
  'inner-tab': (p) => at(p, `${p.user}\t1`),
  'uppercase-server': (p) => `${p.user}@${p.server.toUpperCase()}X`,
  'empty-server-label': (p) => `${p.user}@${p.server}..net`,
  'trailing-dot': (p) => `${p.user}@${p.server}.`,
  'plus-in-user': (p) => at(p, `+${p.user}`),
  'underscore-in-user': (p) => at(p, `${p.user}_x`),
  'non-ascii-user': (p) => at(p, `${p.user}ä`),
  'fullwidth-digits': (p) => at(p, '４９１７'),
  'agent-leading-zero': (p) => `${p.user}.0${p.agent ?? 1}${p.device === undefined ? '' : `:${p.device}`}@${p.server}`,
  'agent-not-a-number': (p) => `${p.user}.x:1@${p.server}`,
  'agent-256': (p) => formatJid({ ...p, agent: JID_NUMBER_MAX + 1 }),
  'device-trailing-junk': (p) => `${p.user}:${p.device ?? 7}x@${p.server}`,
  'device-hex': (p) => `${p.user}:0x1F@${p.server}`,
  'device-exponent': (p) => `${p.user}:1e2@${p.server}`,
  'device-plus-sign': (p) => `${p.user}:+5@${p.server}`,
  'hyphen-in-user': (p) => at(p, `${p.user}-1600`),
  'underscore-in-server': (p) => `${p.user}@${p.server.replace(/\./, '_')}_x`,
  'trailing-newline': (p) => `${formatJid(p)}\n`,
};

// ---------------------------------------------------------------------------
// Derived from the grammar: `user [. agent] [: device] @ server`, part by part.

/** A part of a JID. */
export type JidPart = 'user' | 'agent' | 'device' | 'server';
/** Where in a part a foreign character goes. */
export type JidPosition = 'start' | 'middle' | 'end';
const POSITIONS: readonly JidPosition[] = ['start', 'middle', 'end'];

/** The text of each part of `p`; an absent agent or device is given one (1, 7) so the part exists. */
interface Texts {
  user: string;
  agent: string;
  device: string;
  server: string;
  /** Whether the JID has an agent (a device) at all. */
  hasAgent: boolean;
  hasDevice: boolean;
}

/** The JID text with `part` replaced by `text` (the part written even if `p` lacks it). */
function withPart(p: JidParts, part: JidPart, text: string): string {
  const t: Texts = {
    user: p.user,
    agent: p.agent === undefined ? '1' : String(p.agent),
    device: p.device === undefined ? '7' : String(p.device),
    server: p.server,
    hasAgent: p.agent !== undefined || part === 'agent',
    hasDevice: p.device !== undefined || part === 'device',
  };
  t[part] = text;
  return `${t.user}${t.hasAgent ? `.${t.agent}` : ''}${t.hasDevice ? `:${t.device}` : ''}@${t.server}`;
}

/** The text of `part` in `p` (an absent agent 1, an absent device 7). */
function partText(p: JidParts, part: JidPart): string {
  if (part === 'agent') return p.agent === undefined ? '1' : String(p.agent);
  if (part === 'device') return p.device === undefined ? '7' : String(p.device);
  return p[part];
}

/**
 * `ch` put into `part` at `position`. The middle is after the part's first
 * character (a one-character part is doubled around it). A `.` or `:` in the
 * middle of the user is followed by a letter, so that what follows cannot be
 * read as an agent or device (`1.2@lid` is a JID).
 */
function inserted(p: JidParts, part: JidPart, position: JidPosition, ch: string): string {
  const text = partText(p, part);
  const chars = [...text];
  if (position === 'start') return withPart(p, part, ch + text);
  if (position === 'end') return withPart(p, part, text + ch);
  const left = chars[0]!;
  let right = chars.length > 1 ? chars.slice(1).join('') : text;
  if (part === 'user' && (ch === '.' || ch === ':')) right = `x${right}`;
  return withPart(p, part, left + ch + right);
}

/** A code point as a kind name: `u2028`, `u0000`, `u1d7d5`. */
const cpName = (ch: string) => `u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));

/**
 * Every white-space and line-terminator character some language's `\s`,
 * `trim`, `strip` or `isspace` takes: JavaScript's `\s` (tab, LF, VT, FF, CR,
 * space, NBSP, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
 * U+3000, BOM) and what Python, PCRE, Go and Java disagree on (U+001C-U+001F,
 * NEL, U+180E, U+200B).
 */
export const JID_WHITESPACE: readonly string[] = [
  ...'\t\n\v\f\r ',
  ...range(0x1c, 0x1f),
  '\u0085',
  '\u00a0',
  '\u1680',
  '\u180e',
  ...range(0x2000, 0x200b),
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
];
const WS = new Set(JID_WHITESPACE);

/** The C0 controls that are not white space above, and DEL. XML cannot carry them (DEL aside). */
export const JID_C0: readonly string[] = [...range(0x00, 0x1f).filter((c) => !WS.has(c)), '\u007f'];
/** The C1 controls (NEL is white space above). */
export const JID_C1: readonly string[] = range(0x80, 0x9f).filter((c) => !WS.has(c));
/** Digits that are not ASCII: Python's `\d`, `int()` and Java's `parseInt` take them. */
export const JID_NON_ASCII_DIGITS: readonly string[] = [
  '\u0660', // ARABIC-INDIC DIGIT ZERO
  '\u0667', // ARABIC-INDIC DIGIT SEVEN
  '\u06f7', // EXTENDED ARABIC-INDIC DIGIT SEVEN
  '\u096d', // DEVANAGARI DIGIT SEVEN
  '\u09ed', // BENGALI DIGIT SEVEN
  '\u0e57', // THAI DIGIT SEVEN
  '\uff10', // FULLWIDTH DIGIT ZERO
  '\uff17', // FULLWIDTH DIGIT SEVEN
  '\u{1d7d5}', // MATHEMATICAL BOLD DIGIT SEVEN
];
/** Fullwidth forms NFKC or IDNA mapping turn into ASCII letters and separators. */
export const JID_FULLWIDTH: readonly string[] = ['\uff21', '\uff5a', '\uff20', '\uff0e', '\uff1a', '\uff0b', '\u3002', '\uff61'];
/** Letters a case-insensitive match or a case mapping takes for ASCII: KELVIN SIGN, LONG S, dotless i, dotted I, ß, the fi ligature. */
export const JID_CASE_FOLDING: readonly string[] = ['\u212a', '\u017f', '\u0131', '\u0130', '\u00df', '\ufb01'];

/** Separators foreign to each part: what other parts use, and what other JID dialects allow. */
const SEPARATOR_NAMES: Readonly<Record<string, string>> = {
  '+': 'plus',
  '-': 'hyphen',
  _: 'underscore',
  '/': 'slash',
  ',': 'comma',
  ';': 'semicolon',
  '@': 'at',
  '.': 'dot',
  ':': 'colon',
};
const SEPARATORS_OF: Readonly<Record<JidPart, string>> = {
  user: '+-_/,;@.:',
  // a `:` after the agent starts the device: that is the device's own kinds
  agent: '+-_/,;@.',
  device: '+-_/,;@.:',
  // `-` and `.` belong in a server; a `.` at either end is an empty label (structural kinds)
  server: '+_/,;@:',
};

/** One derived kind: its fault, and the one JID attribute it is tried in (all three when absent). */
export interface DerivedJidFault {
  make: (p: JidParts) => string;
  /** Index into the JID attributes (from, to, call-creator) the kind is tried in; absent: all of them. */
  slot?: number;
}

const NUMBER_PARTS: readonly JidPart[] = ['agent', 'device'];
const ALL_PARTS: readonly JidPart[] = ['user', 'agent', 'device', 'server'];

/**
 * One kind per character of `chars` in each part of `parts` (`number` takes
 * agent and device in turn): the position turns with the character and the
 * part, the JID attribute with the character, so each character is tried in
 * every run, each part meets every position, at the cost of one kind per
 * character and part, not three.
 */
function perChar(
  cls: string,
  chars: readonly string[],
  parts: readonly (JidPart | 'number' | 'any')[],
  name: (ch: string) => string = cpName,
): Record<string, DerivedJidFault> {
  const out: Record<string, DerivedJidFault> = {};
  parts.forEach((pp, pi) =>
    chars.forEach((ch, i) => {
      const part = pp === 'number' ? NUMBER_PARTS[i % 2]! : pp === 'any' ? ALL_PARTS[i % 4]! : pp;
      const position = POSITIONS[(i + pi) % 3]!;
      out[`${part}:${cls}:${name(ch)}:${position}`] = { make: (p) => inserted(p, part, position, ch), slot: (i + pi) % 3 };
    }),
  );
  return out;
}

/** A whole part replaced by `text`, tried in one attribute. */
const replaced = (part: JidPart, text: string, slot: number): DerivedJidFault => ({ make: (p) => withPart(p, part, text), slot });

const shortName = (n: string) => n.replace(/_/g, '');

/** What the grammar refuses as `part`. */
function refusedAs(part: JidPart, text: string): boolean {
  return parseJid(withPart({ user: 'A', server: 'lid' }, part, text)) === undefined;
}

/**
 * Whole parts the valid side knows as values: each JavaScript prototype name
 * (`__proto__`, `valueOf`… as a server; `__proto__` as a user; `constructor`
 * as an agent or device), each text edge (astral, white space only, XML
 * specials, decomposed accents…) as a user and a server, wherever the grammar
 * refuses it (`constructor` is a valid user and server: a valid kind, not
 * here). A lookup table keyed by a part (`KNOWN_SERVERS[server]`) takes them.
 */
function wholeParts(): Record<string, DerivedJidFault> {
  const out: Record<string, DerivedJidFault> = {};
  let n = 0;
  for (const part of ['server', 'user', 'agent', 'device'] as const)
    for (const name of PROTOTYPE_PROPERTY_NAMES)
      if ((part !== 'agent' && part !== 'device') || ['constructor', '__proto__', 'valueOf'].includes(name))
        if (refusedAs(part, name)) out[`${part}:builtin:${shortName(name)}`] = replaced(part, name, n++ % 3);
  for (const part of ['user', 'server'] as const)
    for (const [name, value] of Object.entries(TEXT_EDGE_TABLE))
      if (!name.startsWith('builtin-') && refusedAs(part, value)) out[`${part}:text:${name}`] = replaced(part, value, n++ % 3);
  return out;
}

/** The server with the letter at `position` in upper case (an upper-case `Q` put there when that is no letter). */
function upperCased(p: JidParts, position: JidPosition): string {
  const s = p.server;
  const i = position === 'start' ? 0 : position === 'end' ? s.length - 1 : Math.floor(s.length / 2);
  if (/[a-z]/.test(s[i]!)) return withPart(p, 'server', s.slice(0, i) + s[i]!.toUpperCase() + s.slice(i + 1));
  return inserted(p, 'server', position, 'Q');
}

const all = (make: (p: JidParts) => string): DerivedJidFault => ({ make });
const withNumber = (part: 'agent' | 'device', text: string) => all((p) => withPart(p, part, text));

/**
 * The malformed JIDs derived from the grammar, part by part, named
 * `part:fault[:character]:position`: every part empty, doubled (the part or
 * its separator), agent and device out of range (256, 2^32, 2^64+1, -1, -0),
 * and a foreign character from every class (each white-space and
 * line-terminator character, C0 and C1 controls, non-ASCII digits, fullwidth
 * forms, case-folding traps, upper case in the server, each separator, a
 * final newline) at the start, the middle and the end; and each whole-part
 * value of the valid side the grammar refuses. Structural kinds are tried in
 * every JID attribute; character kinds in one each (the slot), turning, so
 * every character is tried in every run.
 */
export const DERIVED_MALFORMED_JIDS: Readonly<Record<string, DerivedJidFault>> = {
  'user:doubled-separator': all((p) => `${formatJid(p)}`.replace('@', '@@')),
  'agent:empty': all((p) => `${p.user}.${p.device === undefined ? '' : `:${p.device}`}@${p.server}`),
  'agent:doubled': all((p) => withPart(p, 'agent', `${partText(p, 'agent')}.${partText(p, 'agent')}`)),
  'agent:doubled-separator': all((p) => withPart(p, 'agent', `.${partText(p, 'agent')}`)),
  'agent:out-of-range:4294967296': withNumber('agent', '4294967296'),
  'agent:out-of-range:huge': withNumber('agent', '18446744073709551617'),
  'agent:out-of-range:negative': withNumber('agent', '-1'),
  'agent:out-of-range:negative-zero': withNumber('agent', '-0'),
  'device:doubled': all((p) => withPart(p, 'device', `${partText(p, 'device')}:${partText(p, 'device')}`)),
  'device:doubled-separator': all((p) => withPart(p, 'device', `:${partText(p, 'device')}`)),
  'device:out-of-range:4294967296': withNumber('device', '4294967296'),
  'device:out-of-range:huge': withNumber('device', '18446744073709551617'),
  'device:out-of-range:negative-zero': withNumber('device', '-0'),
  'server:empty-label:start': all((p) => withPart(p, 'server', `.${p.server}`)),
  ...Object.fromEntries(POSITIONS.map((pos) => [`server:upper-case:${pos}`, all((p) => upperCased(p, pos))])),
  ...Object.fromEntries(
    (['user', 'agent', 'device'] as const).map((part) => [`${part}:newline:end`, all((p) => inserted(p, part, 'end', '\n'))]),
  ),
  ...perChar('whitespace', JID_WHITESPACE, ['user', 'number', 'server']),
  ...perChar('c0', JID_C0, ['any']),
  ...perChar('c1', JID_C1, ['any']),
  ...perChar('non-ascii-digit', JID_NON_ASCII_DIGITS, ['user', 'number', 'server']),
  ...perChar('fullwidth', JID_FULLWIDTH, ['user', 'server']),
  ...perChar('case-folding', JID_CASE_FOLDING, ['user', 'server']),
  ...Object.assign({}, ...ALL_PARTS.map((part) => perChar('separator', [...SEPARATORS_OF[part]], [part], (ch) => SEPARATOR_NAMES[ch]!))),
  ...wholeParts(),
};

/** Whether XML 1.0 can carry every character of `text` (tab, LF and CR as character references). */
const xmlCarries = (text: string) =>
  [...text].every((ch) => {
    const cp = ch.codePointAt(0)!;
    return cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp < 0xd800) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
  });

/** Every malformed-JID kind, legacy and derived, by name. */
export const ALL_MALFORMED_JIDS: Readonly<Record<string, DerivedJidFault>> = {
  ...Object.fromEntries(Object.entries(MALFORMED_JIDS).map(([n, make]) => [n, { make }])),
  ...DERIVED_MALFORMED_JIDS,
};

/** The names of every malformed-JID kind ({@link MALFORMED_JIDS} and {@link DERIVED_MALFORMED_JIDS}). */
export const MALFORMED_JID_KINDS = Object.keys(ALL_MALFORMED_JIDS);

/** Whether the kind can be written in XML: C0 controls cannot (a decoder meets them as forbidden characters). */
export function xmlCarriesJidKind(name: string): boolean {
  return xmlCarries(ALL_MALFORMED_JIDS[name]!.make({ user: 'A', server: 'lid' }));
}

const caseKind = (name: string, f: DerivedJidFault): CaseKind<string> =>
  kind(
    name,
    jidPartsArb.map(f.make).filter((jid) => parseJid(jid) === undefined),
  );

/** One kind per malformed-JID kind: a JID with exactly that fault, whatever its attribute. */
export const MALFORMED_JID_CASE_KINDS: readonly CaseKind<string>[] = [
  ...kindsOfTable('', MALFORMED_JIDS, (make) => jidPartsArb.map(make).filter((jid) => parseJid(jid) === undefined)),
  ...Object.entries(DERIVED_MALFORMED_JIDS).map(([name, f]) => caseKind(name, f)),
];

/**
 * The malformed-JID kinds tried in the JID attribute at `slot` (0 from, 1 to,
 * 2 call-creator): every structural kind, and the character kinds whose slot
 * it is. `stanza`: only what XML can carry; a stanza (XML or node) holding a
 * C0 control is read as holding a forbidden character, not a malformed JID,
 * so decode kinds leave those out (encode kinds keep them).
 */
export function malformedJidKindsFor(slot: number, carried: 'stanza' | 'message' = 'message'): readonly CaseKind<string>[] {
  return MALFORMED_JID_CASE_KINDS.filter((k) => {
    const f = ALL_MALFORMED_JIDS[k.name]!;
    return (f.slot === undefined || f.slot === slot) && (carried === 'message' || xmlCarriesJidKind(k.name));
  });
}

/** A malformed JID and the kind of fault it has. */
export const malformedJidArb: fc.Arbitrary<{ kind: string; jid: string }> = fc.oneof(
  ...MALFORMED_JID_CASE_KINDS.map((k) => k.arbitrary.map((jid) => ({ kind: k.name, jid }))),
);

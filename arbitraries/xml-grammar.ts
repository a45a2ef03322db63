/**
 * Not-well-formed stanzas derived from the XML 1.0 grammar instead of picked
 * from a list: a valid stanza is rendered token by token, each token named
 * after the production it belongs to (XMLDecl, Misc, STag, EmptyElemTag,
 * ETag, Attribute, Eq, AttValue, CharRef, EntityRef, Comment, PI, CDSect,
 * content, what follows the root), and each kind is one single edit of one
 * of those tokens: drop it, double it, swap it with another, move it, or
 * replace it by a near miss (another quote, case, digit, white space).
 */
import fc from 'fast-check';
import { escapeAttribute, parseXml, stanzaAttributes, type CallReject } from '../spec/index.js';

/** One piece of a rendering: its text and the production (and place) it stands for, e.g. `call.id.char-ref`. */
export interface GrammarToken {
  role: string;
  text: string;
}

/** Where `<reject>` is an EmptyElemTag (`<reject …/>`) or a start tag, content and end tag. */
export type GrammarLayout = 'empty' | 'content';

const tok = (role: string, text: string): GrammarToken => ({ role, text });

/** A pseudo-attribute or attribute: white space, name, Eq, the quoted value (already spelled). */
function attribute(owner: string, name: string, value: GrammarToken[]): GrammarToken[] {
  const r = `${owner}.${name}`;
  return [
    tok(`${r}.s`, ' '),
    tok(`${r}.name`, name),
    tok(`${r}.eq`, '='),
    tok(`${r}.open-quote`, '"'),
    ...value,
    tok(`${r}.close-quote`, '"'),
  ];
}

const value = (owner: string, name: string, v: string) => attribute(owner, name, [tok(`${owner}.${name}.value`, escapeAttribute(v))]);
const comment = (at: string, body: string) => [
  tok(`${at}.comment.open`, '<!--'),
  tok(`${at}.comment.body`, body),
  tok(`${at}.comment.close`, '-->'),
];
const pi = (at: string, data: string) => [
  tok(`${at}.pi.open`, '<?'),
  tok(`${at}.pi.target`, 'note'),
  tok(`${at}.pi.s`, ' '),
  tok(`${at}.pi.data`, data),
  tok(`${at}.pi.close`, '?>'),
];

/**
 * The message a grammar rendering means: `m` with `&` at the end of its id,
 * so that the id's value holds an EntityRef (`&amp;`) to edit.
 */
export function grammarMessage(m: CallReject): CallReject {
  return { ...m, id: `${m.id}&` };
}

/**
 * A valid stanza meaning `grammarMessage(m)`, as tokens, holding every
 * production a reject stanza can use: an XMLDecl with version, encoding and
 * standalone; a comment, a PI and white space before the root; a comment
 * inside `<call>`; attribute values holding a decimal CharRef (id), a hex
 * CharRef (call-id) and an EntityRef (id); with the `content` layout,
 * `<reject>` holding text, a reference, a CDATA section, a comment and a PI;
 * white space, a comment and a PI after the root. Every value is fully
 * escaped, so no raw quote, `&`, `<` or `>` of a random value can meet an edit.
 */
export function grammarTokens(m: CallReject, layout: GrammarLayout): GrammarToken[] {
  const msg = grammarMessage(m);
  const pairs = stanzaAttributes(msg);
  const attrs = (owner: 'call' | 'reject') =>
    pairs[owner].flatMap(([name, v]) => {
      if (name !== 'id' && name !== 'call-id') return value(owner, name, v);
      const r = `${owner}.${name}`;
      const first = String.fromCodePoint(v.codePointAt(0)!);
      const cp = first.codePointAt(0)!;
      const ref = name === 'id' ? `&#${cp};` : `&#x${cp.toString(16).toUpperCase()};`;
      const rest = name === 'id' ? v.slice(first.length, -1) : v.slice(first.length);
      return attribute(owner, name, [
        tok(`${r}.char-ref`, ref),
        tok(`${r}.text`, escapeAttribute(rest)),
        ...(name === 'id' ? [tok(`${r}.entity-ref`, '&amp;')] : []),
      ]);
    });
  const content = [
    tok('content.text', 'text'),
    tok('content.ref', '&lt;'),
    tok('content.cdata.open', '<![CDATA['),
    tok('content.cdata.body', '<call>'),
    tok('content.cdata.close', ']]>'),
    ...comment('content', ' c '),
    ...pi('content', 'y'),
  ];
  const reject =
    layout === 'empty'
      ? [tok('reject.open', '<'), tok('reject.name', 'reject'), ...attrs('reject'), tok('reject.slash', '/'), tok('reject.close', '>')]
      : [
          tok('reject.open', '<'),
          tok('reject.name', 'reject'),
          ...attrs('reject'),
          tok('reject.close', '>'),
          ...content,
          tok('reject.end.open', '</'),
          tok('reject.end.name', 'reject'),
          tok('reject.end.close', '>'),
        ];
  return [
    tok('decl.open', '<?xml'),
    ...value('decl', 'version', '1.0'),
    ...value('decl', 'encoding', 'UTF-8'),
    ...value('decl', 'standalone', 'yes'),
    tok('decl.close', '?>'),
    tok('prolog.s1', '\n'),
    ...comment('prolog', ' stanza '),
    tok('prolog.s2', '\n'),
    ...pi('prolog', 'x="1"'),
    tok('prolog.s3', '\n'),
    tok('call.open', '<'),
    tok('call.name', 'call'),
    ...attrs('call'),
    tok('call.close', '>'),
    tok('inner.s1', '\n  '),
    ...comment('inner', ' before '),
    tok('inner.s2', '\n  '),
    ...reject,
    tok('inner.s3', '\n'),
    tok('call.end.open', '</'),
    tok('call.end.name', 'call'),
    tok('call.end.close', '>'),
    tok('epilog.s1', '\n'),
    ...comment('epilog', ' end '),
    tok('epilog.s2', '\n'),
    ...pi('epilog', 'z'),
    tok('epilog.s3', '\n'),
  ];
}

/** The text of a token list. */
export const grammarText = (tokens: readonly GrammarToken[]) => tokens.map((t) => t.text).join('');

type Op = (t: GrammarToken[]) => void;

function index(t: GrammarToken[], role: string): number {
  const i = t.findIndex((x) => x.role === role);
  if (i < 0) throw new Error(`no ${role} token in the rendering`);
  return i;
}

/** The tokens of `prefix` (the token itself, or all `prefix.…`): a run, as [start, end). */
function span(t: GrammarToken[], prefix: string): [number, number] {
  const inside = (x: GrammarToken) => x.role === prefix || x.role.startsWith(`${prefix}.`);
  const start = t.findIndex(inside);
  if (start < 0) throw new Error(`no ${prefix} tokens in the rendering`);
  let end = start;
  while (end < t.length && inside(t[end]!)) end++;
  return [start, end];
}

/** The single edits every kind is made of. */
const drop =
  (...roles: string[]): Op =>
  (t) => {
    for (const r of roles) {
      const [s, e] = span(t, r);
      t.splice(s, e - s);
    }
  };
const double =
  (prefix: string): Op =>
  (t) => {
    const [s, e] = span(t, prefix);
    t.splice(e, 0, ...t.slice(s, e).map((x) => ({ ...x })));
  };
const replace =
  (role: string, by: string | ((old: string) => string)): Op =>
  (t) => {
    const x = t[index(t, role)]!;
    x.text = typeof by === 'string' ? by : by(x.text);
  };
const before =
  (role: string, text: string): Op =>
  (t) =>
    void t.splice(index(t, role), 0, tok('edit', text));
const after =
  (role: string, text: string): Op =>
  (t) =>
    void t.splice(index(t, role) + 1, 0, tok('edit', text));
const swap =
  (a: string, b: string): Op =>
  (t) => {
    const [as, ae] = span(t, a);
    const [bs, be] = span(t, b);
    if (ae > bs) throw new Error(`${a} must come before ${b}`);
    t.splice(as, be - as, ...t.slice(bs, be), ...t.slice(ae, bs), ...t.slice(as, ae));
  };
/** Moves the tokens of `prefix` to just after the token `role`. */
const move =
  (prefix: string, role: string): Op =>
  (t) => {
    const [s, e] = span(t, prefix);
    const moved = t.splice(s, e - s);
    t.splice(index(t, role) + 1, 0, ...moved);
  };
const both =
  (...ops: Op[]): Op =>
  (t) => {
    for (const op of ops) op(t);
  };

const FULLWIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCodePoint(0xff10 + Number(d)));
const ARABIC_INDIC = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCodePoint(0x0660 + Number(d)));

interface GrammarEdit {
  op: Op;
  /** The rendering the edit applies to: `content` unless it edits the EmptyElemTag. */
  layout?: GrammarLayout;
}

const e = (op: Op, layout?: GrammarLayout): GrammarEdit => (layout ? { op, layout } : { op });

/**
 * Each production a reject stanza uses, and each single edit of it that
 * makes the document not well-formed under XML 1.0 (the production named
 * is the one the edited text no longer matches). Keys are kind names below
 * `not-well-formed:`.
 */
export const GRAMMAR_EDITS: Readonly<Record<string, Readonly<Record<string, GrammarEdit>>>> = {
  // [23] XMLDecl ::= '<?xml' VersionInfo EncodingDecl? SDDecl? S? '?>', and only at the very start
  'xml-decl': {
    'drop-version': e(drop('decl.version')),
    'drop-space-before-version': e(drop('decl.version.s')),
    // Not "2.0" or "1": VersionNum is '1.' [0-9]+ only since the Fifth Edition (before, any name
    // characters, a processor free to refuse a version it does not support), and expat reads both.
    'comma-in-version': e(replace('decl.version.value', '1,0')),
    'space-in-version': e(replace('decl.version.value', '1 0')),
    'upper-case-version': e(replace('decl.version.name', 'VERSION')),
    'upper-case-target': e(replace('decl.open', '<?XML')),
    'mismatched-quotes': e(replace('decl.version.close-quote', "'")),
    'drop-closing-quote': e(drop('decl.version.close-quote')),
    'swap-version-and-encoding': e(swap('decl.version', 'decl.encoding')),
    'swap-encoding-and-standalone': e(swap('decl.encoding', 'decl.standalone')),
    'drop-space-before-encoding': e(drop('decl.encoding.s')),
    'drop-space-before-standalone': e(drop('decl.standalone.s')),
    'space-in-encoding-name': e(replace('decl.encoding.value', 'UTF 8')),
    'standalone-true': e(replace('decl.standalone.value', 'true')),
    'upper-case-standalone-value': e(replace('decl.standalone.value', 'YES')),
    'drop-question-mark': e(replace('decl.close', '>')),
    doubled: e(double('decl')),
    'after-comment': e(move('decl', 'prolog.comment.close')),
    'inside-root': e(move('decl', 'call.close')),
    'after-root': e(move('decl', 'call.end.close')),
  },
  // [15] Comment ::= '<!--' ((Char - '-') | ('-' (Char - '-')))* '-->'
  comment: {
    'double-hyphen-inside': e(replace('prolog.comment.body', ' sta--nza ')),
    'hyphen-before-close': e(replace('prolog.comment.body', ' stanza -')),
    'drop-hyphen-from-open': e(replace('prolog.comment.open', '<!-')),
    'space-inside-open': e(replace('prolog.comment.open', '<! --')),
    'drop-close': e(drop('prolog.comment.close')),
    'drop-hyphen-from-close': e(replace('prolog.comment.close', '->')),
    'bang-before-close': e(replace('prolog.comment.close', '--!>')),
    'inside-start-tag': e(after('call.from.close-quote', '<!-- c -->')),
  },
  // [16] PI ::= '<?' PITarget (S (Char* - (Char* '?>' Char*)))? '?>'; [17] PITarget excludes (X|x)(M|m)(L|l)
  pi: {
    'drop-target': e(drop('prolog.pi.target')),
    'space-before-target': e(before('prolog.pi.target', ' ')),
    'target-starts-with-digit': e(replace('prolog.pi.target', '1note')),
    'drop-space-after-target': e(drop('prolog.pi.s')),
    'target-xml-in-content': e(replace('content.pi.target', 'xml')),
    'target-mixed-case-xml-after-root': e(replace('epilog.pi.target', 'XmL')),
    'drop-question-mark': e(replace('epilog.pi.close', '>')),
  },
  // [27] Misc ::= Comment | PI | S: nothing else before or after the root, and S is only #x20 | #x9 | #xD | #xA
  misc: {
    'nbsp-before-root': e(replace('prolog.s3', '\u00a0')),
    'nbsp-after-root': e(replace('epilog.s1', '\u00a0')),
    'byte-order-mark-after-declaration': e(replace('prolog.s1', '\ufeff')),
    'char-ref-space-after-root': e(replace('epilog.s1', '&#32;')),
  },
  // [40] STag ::= '<' Name (S Attribute)* S? '>'
  's-tag': {
    'space-after-lt': e(before('call.name', ' ')),
    'doubled-lt': e(double('call.open')),
    'drop-gt': e(drop('call.close')),
    'slash-gt-for-gt': e(replace('call.close', '/>')),
  },
  // [44] EmptyElemTag ::= '<' Name (S Attribute)* S? '/>'
  'empty-elem-tag': {
    'space-between-slash-and-gt': e(replace('reject.slash', '/ '), 'empty'),
    'drop-slash': e(drop('reject.slash'), 'empty'),
    'doubled-slash': e(double('reject.slash'), 'empty'),
    'swap-slash-and-gt': e(swap('reject.slash', 'reject.close'), 'empty'),
    'slash-before-name': e(replace('reject.open', '</'), 'empty'),
  },
  // [42] ETag ::= '</' Name S? '>', its Name the start tag's (WFC: Element Type Match)
  'e-tag': {
    'drop-slash': e(replace('call.end.open', '<')),
    'space-after-slash': e(after('call.end.open', ' ')),
    'attribute-in-end-tag': e(after('call.end.name', ' id="x"')),
    'slash-gt-for-gt': e(replace('call.end.close', '/>')),
    'upper-case-name': e(replace('call.end.name', 'CALL')),
    'drop-gt': e(drop('call.end.close')),
    doubled: e(double('call.end')),
    'reject-end-doubled': e(double('reject.end')),
  },
  // [41] Attribute ::= Name Eq AttValue
  attribute: {
    'drop-name': e(drop('call.to.name')),
    'name-starts-with-digit': e(replace('call.to.name', '2to')),
    'drop-value': e(drop('call.to.open-quote', 'call.to.value', 'call.to.close-quote')),
    'name-only': e(drop('call.to.eq', 'call.to.open-quote', 'call.to.value', 'call.to.close-quote')),
  },
  // [25] Eq ::= S? '=' S?
  eq: {
    doubled: e(double('call.to.eq')),
    'nbsp-before': e(before('call.to.eq', '\u00a0')),
    'fullwidth-equals': e(replace('call.to.eq', '\uff1d')),
  },
  // [10] AttValue ::= '"' ([^<&"] | Reference)* '"' | "'" ([^<&'] | Reference)* "'"
  'att-value': {
    'mismatched-quotes': e(replace('call.from.close-quote', "'")),
    'single-open-double-close': e(replace('call.from.open-quote', "'")),
    'curly-quotes': e(both(replace('call.from.open-quote', '\u201c'), replace('call.from.close-quote', '\u201d'))),
    backticks: e(both(replace('call.from.open-quote', '`'), replace('call.from.close-quote', '`'))),
    'raw-quote-inside': e(replace('call.from.value', (v) => `${v}"`)),
    'doubled-quotes': e(both(double('call.from.open-quote'), double('call.from.close-quote'))),
  },
  // [66] CharRef ::= '&#' [0-9]+ ';' | '&#x' [0-9a-fA-F]+ ';' (id holds a decimal one, call-id a hex one)
  'char-ref': {
    'drop-semicolon': e(replace('call.id.char-ref', (r) => r.slice(0, -1))),
    'drop-hash': e(replace('call.id.char-ref', (r) => `&${r.slice(2)}`)),
    'doubled-hash': e(replace('call.id.char-ref', (r) => `&##${r.slice(2)}`)),
    'space-after-hash': e(replace('call.id.char-ref', (r) => `&# ${r.slice(2)}`)),
    'plus-sign': e(replace('call.id.char-ref', (r) => `&#+${r.slice(2)}`)),
    'hex-letter-in-decimal': e(replace('call.id.char-ref', (r) => `${r.slice(0, -1)}a;`)),
    'fullwidth-digits': e(replace('call.id.char-ref', FULLWIDTH)),
    'arabic-indic-digits': e(replace('call.id.char-ref', ARABIC_INDIC)),
    'upper-case-x': e(replace('reject.call-id.char-ref', (r) => r.replace('&#x', '&#X'))),
    'non-hex-digit': e(replace('reject.call-id.char-ref', (r) => `${r.slice(0, -1)}g;`)),
    'empty-hex': e(replace('reject.call-id.char-ref', '&#x;')),
  },
  // [68] EntityRef ::= '&' Name ';', Name one of amp lt gt apos quot without a DTD (WFC: Entity Declared)
  'entity-ref': {
    'upper-case': e(replace('call.id.entity-ref', '&AMP;')),
    'space-before-semicolon': e(replace('call.id.entity-ref', '&amp ;')),
    'doubled-ampersand': e(replace('call.id.entity-ref', '&&amp;')),
    'drop-letter': e(replace('call.id.entity-ref', '&am;')),
    'hash-before-name': e(replace('call.id.entity-ref', '&#amp;')),
  },
  // [43] content ::= CharData? ((element | Reference | CDSect | PI | Comment) CharData?)*; [14] CharData holds no '<', '&' or ']]>'
  content: {
    'cdata-end-in-text': e(replace('content.text', 'text]]>')),
    'bare-ampersand': e(replace('content.text', 'text & more')),
    'raw-less-than': e(replace('content.text', 'text < more')),
    'reference-without-semicolon': e(replace('content.ref', '&lt')),
    'upper-case-reference': e(replace('content.ref', '&LT;')),
  },
  // [18] CDSect ::= '<![CDATA[' (Char* - (Char* ']]>' Char*)) ']]>', only inside an element
  cdata: {
    'drop-close': e(drop('content.cdata.close')),
    'lower-case-open': e(replace('content.cdata.open', '<![cdata[')),
    'drop-bracket-from-open': e(replace('content.cdata.open', '<![CDATA')),
    'space-inside-open': e(replace('content.cdata.open', '<![ CDATA[')),
    nested: e(replace('content.cdata.body', '<call><![CDATA[x]]>y')),
    'before-root': e(move('content.cdata', 'prolog.s3')),
    'after-root': e(move('content.cdata', 'call.end.close')),
  },
  // [1] document ::= prolog element Misc*: after the root only comments, PIs and white space
  'after-root': {
    doctype: e(after('epilog.s3', '<!DOCTYPE call>')),
    'end-tag': e(after('epilog.s3', '</x>')),
    'entity-ref': e(after('epilog.s3', '&amp;')),
    'text-after-comment': e(after('epilog.comment.close', 'x')),
  },
};

/** Each (production, edit) as `production:edit`, in table order. */
export const GRAMMAR_KIND_NAMES: readonly string[] = Object.entries(GRAMMAR_EDITS).flatMap(([p, edits]) =>
  Object.keys(edits).map((k) => `${p}:${k}`),
);

function editOf(name: string): GrammarEdit {
  const [p, k] = name.split(':') as [string, string];
  const edit = GRAMMAR_EDITS[p]?.[k];
  if (!edit) throw new Error(`no grammar edit ${name}`);
  return edit;
}

/** The layout the edit `production:edit` applies to. */
export const grammarLayout = (name: string): GrammarLayout => editOf(name).layout ?? 'content';

/** The text of the valid grammar rendering of `m`, edited by `production:edit`; not filtered. */
export function grammarEdited(m: CallReject, name: string): string {
  const edit = editOf(name);
  const tokens = grammarTokens(m, edit.layout ?? 'content');
  edit.op(tokens);
  return grammarText(tokens);
}

const refused = (xml: string) => {
  try {
    parseXml(xml);
    return false;
  } catch {
    return true;
  }
};

/**
 * The not-well-formed stanzas of the edit `production:edit` made from
 * messages drawn from `messages`. Every edit is made so that the suite's
 * oracle refuses the result whatever the message (test/arbitraries/xml-grammar.test.ts
 * asserts it for each kind, unfiltered); a case the oracle would read is
 * still never kept.
 */
export function grammarEditArb(messages: fc.Arbitrary<CallReject>, name: string): fc.Arbitrary<{ base: CallReject; input: string }> {
  return messages.map((m) => ({ base: grammarMessage(m), input: grammarEdited(m, name) })).filter(({ input }) => refused(input));
}

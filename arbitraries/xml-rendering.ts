import fc from 'fast-check';
import { ATTRIBUTES, stanzaAttributes, type CallReject, type ReasonList } from '../spec/index.js';
import { mix, spellAttributeValue, type RefStyle } from './_internals/escape.js';
import { callRejectArb, judgeableMessageArb, messageKinds, realisticMessageArb } from './call-reject.js';
import { kind, mapKinds, type Kinds } from './kinds.js';
import { xmlCharArb } from './xml-char.js';
import { BUILTIN_PROPERTY_NAMES } from './text.js';

/** A message and one XML text that means exactly it. */
export interface XmlRendering {
  message: CallReject;
  xml: string;
}

/** The ways a rendering can vary; a check turns on the ones it is about. */
export type RenderingFeature = 'layout' | 'refs' | 'extras' | 'content' | 'comments' | 'raw-spaces';

type Pair = [string, string];

interface Style {
  decl: string;
  order: number[];
  single: boolean[];
  eq: number[];
  sep: number[];
  closeSpace: string;
  selfClose: boolean;
  inner: [string, string];
  refs: RefStyle;
  salt: number;
  trailing: string;
  extras: { call: Pair[]; reject: Pair[] };
  content: string;
  comments: boolean;
  rawSpaces: boolean;
}

/**
 * The spellings a rendering draws from, table by table: each entry is one
 * way of writing the same stanza (test/arbitraries/xml.test.ts asserts that
 * the generator produces every one of them).
 */
export const XML_SPELLINGS = {
  /** The XML declarations written (a rendering may also have none). */
  declarations: [
    '<?xml version="1.0"?>',
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    "<?xml version='1.0' encoding='utf-8' standalone='yes'?>\r\n",
  ],
  /** Around the `=` of an attribute. */
  equals: ['=', ' = ', '\t=\n', '= '],
  /** Before each attribute's name. */
  separators: [' ', '  ', '\n  ', '\t', '\r\n\t'],
  /** Before the `>` or `/>` that ends a start tag. */
  closeSpaces: ['', ' ', '\n'],
  /** Inside `<call>`, before and after `<reject>`. */
  inner: ['', ' ', '\n  ', '\r\n\t', '\n\n'],
  /** After `</call>`. */
  trailing: ['', '\n', '\r\n  '],
  /** What `<reject>` holds when the `content` feature is on. */
  content: ['text inside', '<detail a="1"/>', '<!-- c --><x/>text', '<![CDATA[<call>]]>'],
  /** How values are spelled when the `refs` feature is on. */
  refStyles: ['decimal', 'hex', 'mixed', 'named'],
  /** Unknown attribute names real senders use, drawn beside the built-in property names and random names when the `extras` feature is on. */
  extraNames: ['count', 'e', 't', 'platform', 'version'],
} as const satisfies Record<string, readonly string[]> & { refStyles: readonly RefStyle[] };

const { declarations: DECLS, equals: EQS, separators: SEPS, inner: INNER, content: CONTENT } = XML_SPELLINGS;
const SLOTS = 16;

const extraNameArb = fc.oneof(
  fc.constantFrom(...XML_SPELLINGS.extraNames, ...BUILTIN_PROPERTY_NAMES.filter((n) => n !== '__proto__')),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
);
const extrasArb = fc.uniqueArray(fc.tuple(extraNameArb, fc.oneof(fc.constant('0'), fc.string({ unit: xmlCharArb, maxLength: 6 }))), {
  maxLength: 3,
  selector: ([n]) => n,
});

/** Every feature off: double quotes, page order, no white space, only the escapes XML requires. */
const PLAIN: Style = {
  decl: '',
  order: [],
  single: [],
  eq: [],
  sep: [],
  closeSpace: '',
  selfClose: true,
  inner: ['', ''],
  refs: 'none',
  salt: 0,
  trailing: '',
  extras: { call: [], reject: [] },
  content: '',
  comments: false,
  rawSpaces: false,
};

function styleArb(on: ReadonlySet<RenderingFeature>): fc.Arbitrary<Style> {
  const when = <K extends keyof Style>(f: RenderingFeature, arb: fc.Arbitrary<Style[K]>, key: K) =>
    on.has(f) ? arb : fc.constant(PLAIN[key]);
  const slots = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: SLOTS, maxLength: SLOTS });
  return fc.record({
    decl: when('layout', fc.oneof(fc.constant(''), fc.constantFrom(...DECLS)), 'decl'),
    order: when('layout', slots(fc.nat(9)), 'order'),
    single: when('layout', slots(fc.boolean()), 'single'),
    eq: when('layout', slots(fc.nat(EQS.length - 1)), 'eq'),
    sep: when('layout', slots(fc.nat(SEPS.length - 1)), 'sep'),
    closeSpace: when('layout', fc.constantFrom(...XML_SPELLINGS.closeSpaces), 'closeSpace'),
    selfClose: when('layout', fc.boolean(), 'selfClose'),
    inner: when('layout', fc.tuple(fc.constantFrom(...INNER), fc.constantFrom(...INNER)), 'inner'),
    refs: when('refs', fc.constantFrom<RefStyle>(...XML_SPELLINGS.refStyles), 'refs'),
    salt: fc.nat(),
    trailing: when('layout', fc.constantFrom(...XML_SPELLINGS.trailing), 'trailing'),
    extras: when('extras', fc.record({ call: extrasArb, reject: extrasArb }, { noNullPrototype: true }), 'extras'),
    content: when('content', fc.constantFrom(...CONTENT), 'content'),
    comments: when('comments', fc.constant(true), 'comments'),
    rawSpaces: when('raw-spaces', fc.constant(true), 'rawSpaces'),
  });
}

function attributes(known: Pair[], extras: Pair[], element: 'call' | 'reject', s: Style, offset: number): string {
  const taken = new Set(ATTRIBUTES.filter((a) => a.element === element).map((a) => a.name));
  const all = [...known, ...extras.filter(([n]) => !taken.has(n))];
  const keyed = all.map((pair, i) => ({ pair, i, key: s.order[(i + offset) % SLOTS] ?? 0 }));
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  return keyed
    .map(({ pair: [name, value], i }) => {
      const slot = (i + offset) % SLOTS;
      const quote = s.single[slot] ? "'" : '"';
      const spelled = spellAttributeValue(value, quote, s.refs, mix(s.salt, slot), s.rawSpaces);
      return `${SEPS[s.sep[slot] ?? 0]}${name}${EQS[s.eq[slot] ?? 0]}${quote}${spelled}${quote}`;
    })
    .join('');
}

function render(message: CallReject, s: Style): string {
  const attrs = stanzaAttributes(message);
  const note = (text: string) => (s.comments ? `<!--${text}-->` : '');
  const pi = s.comments ? '<?note reject?>' : '';
  const reject = `<reject${attributes(attrs.reject, s.extras.reject, 'reject', s, 8)}${s.closeSpace}`;
  const rejectEl = s.content ? `${reject}>${s.content}</reject>` : s.selfClose ? `${reject}/>` : `${reject}></reject>`;
  const call = `<call${attributes(attrs.call, s.extras.call, 'call', s, 0)}${s.closeSpace}>`;
  const body = `${s.inner[0]}${note(' before ')}${rejectEl}${pi}${s.inner[1]}`;
  return `${s.decl}${note(' stanza ')}${call}${body}</call>${s.trailing}${note(' end ')}`;
}

/** Messages with at least one space in call-id and id, for the normalization check. */
function withSpaces(arb: fc.Arbitrary<CallReject>): fc.Arbitrary<CallReject> {
  return arb.map((m) => ({
    ...m,
    callId: [...m.callId].map((ch, i) => (i === 1 ? ` ${ch}` : ch)).join(''),
    id: ` ${m.id} `,
  }));
}

/**
 * A valid message and an XML text meaning exactly it, varying what `features`
 * turn on: attribute order, quotes, white space and layout, declaration
 * (`layout`); character references (`refs`); unknown extra attributes such as
 * `count="0"` (`extras`); content inside `<reject>` (`content`); comments and
 * processing instructions (`comments`); raw white space that attribute-value
 * normalization reads as a space (`raw-spaces`).
 */
export function xmlRenderingArb(reasons: ReasonList, features: readonly RenderingFeature[]): fc.Arbitrary<XmlRendering> {
  const on = new Set(features);
  const messages = on.has('raw-spaces') ? withSpaces(callRejectArb(reasons)) : callRejectArb(reasons);
  return fc.tuple(messages, styleArb(on)).map(([message, style]) => ({ message, xml: render(message, style) }));
}

const all = <T>(v: T) => Array.from({ length: SLOTS }, () => v);
type Pin = (s: Style) => Style;

/** For each feature, the variants every run tries, by name: each pins one way of writing and leaves the rest random. */
const FEATURE_PINS: Record<RenderingFeature, Readonly<Record<string, Pin>>> = {
  layout: {
    any: (s) => s,
    'declaration:version-only': (s) => ({ ...s, decl: DECLS[0]! }),
    'declaration:encoding': (s) => ({ ...s, decl: DECLS[1]! }),
    'declaration:single-quoted-standalone': (s) => ({ ...s, decl: DECLS[2]! }),
    'single-quotes': (s) => ({ ...s, single: all(true) }),
    'spaces-around-equals': (s) => ({ ...s, eq: all(1) }),
    'tab-newline-around-equals': (s) => ({ ...s, eq: all(2) }),
    'space-after-equals': (s) => ({ ...s, eq: all(3) }),
    'two-space-separators': (s) => ({ ...s, sep: all(1) }),
    'newline-separators': (s) => ({ ...s, sep: all(2) }),
    'tab-separators': (s) => ({ ...s, sep: all(3) }),
    'crlf-tab-separators': (s) => ({ ...s, sep: all(4) }),
    'reversed-order': (s) => ({ ...s, order: Array.from({ length: SLOTS }, (_, i) => SLOTS - i) }),
    'open-and-close-reject': (s) => ({ ...s, selfClose: false }),
    'space-before-close': (s) => ({ ...s, closeSpace: ' ' }),
    'newline-before-close': (s) => ({ ...s, closeSpace: '\n' }),
    'white-space-around-reject': (s) => ({ ...s, inner: ['\r\n\t', '\n\n'] }),
    'trailing-white-space': (s) => ({ ...s, trailing: '\r\n  ' }),
  },
  refs: {
    decimal: (s) => ({ ...s, refs: 'decimal' }),
    hex: (s) => ({ ...s, refs: 'hex' }),
    mixed: (s) => ({ ...s, refs: 'mixed' }),
    named: (s) => ({ ...s, refs: 'named' }),
  },
  extras: {
    any: (s) => s,
    'count-zero': (s) => ({ ...s, extras: { call: s.extras.call, reject: [['count', '0']] } }),
    'builtin-names': (s) => ({
      ...s,
      extras: {
        call: [
          ['constructor', '1'],
          ['toString', 'x'],
        ],
        reject: [
          ['hasOwnProperty', '0'],
          ['length', '9'],
        ],
      },
    }),
    'on-call-only': (s) => ({
      ...s,
      extras: {
        call: [
          ['e', '0'],
          ['t', '1700000000'],
        ],
        reject: [],
      },
    }),
  },
  content: Object.fromEntries(
    ['text', 'element', 'comment-element-text', 'cdata'].map((name, i) => [name, (s: Style) => ({ ...s, content: CONTENT[i]! })]),
  ),
  comments: { 'comments-and-pi': (s) => s },
  'raw-spaces': { any: (s) => s },
};

/** Real traffic's extras: what every real sender adds to `<reject>`. */
const REAL_EXTRAS: Pin = (s) => ({ ...s, extras: { call: [], reject: [['count', '0']] } });

/**
 * The kinds of rendering a check with `features` tries: with no feature, each
 * message kind in the plainest spelling; else each variant of the first
 * feature (the others stay random), and real traffic (`realistic:phone`,
 * `realistic:lid`, with `count="0"` when extras are on).
 */
export function xmlRenderingKinds(reasons: ReasonList, features: readonly RenderingFeature[]): Kinds<XmlRendering> {
  if (features.length === 0) return mapKinds(messageKinds(reasons), plainRendering);
  const on = new Set(features);
  // a rendering variant is judged on messages whose every refusal counts (see judgeableMessageArb)
  const messages = on.has('raw-spaces') ? withSpaces(judgeableMessageArb(reasons)) : judgeableMessageArb(reasons);
  const pins = Object.entries(FEATURE_PINS[features[0]!]).map(([name, pin]) =>
    kind(
      `${features[0]}:${name}`,
      fc.tuple(messages, styleArb(on)).map(([message, style]) => ({ message, xml: render(message, pin(style)) })),
    ),
  );
  const real = (['phone', 'lid'] as const).map((a) => {
    const msgs = on.has('raw-spaces') ? withSpaces(realisticMessageArb(reasons, a)) : realisticMessageArb(reasons, a);
    const pin = on.has('extras') ? REAL_EXTRAS : (s: Style) => s;
    return kind(
      `realistic:${a}`,
      fc.tuple(msgs, styleArb(on)).map(([message, style]) => ({ message, xml: render(message, pin(style)) })),
      0.25 * pins.length,
    );
  });
  return [...pins, ...real];
}

/** A message in the plainest spelling: every feature off. */
export function plainRendering(message: CallReject): XmlRendering {
  return { message, xml: render(message, PLAIN) };
}

import fc from 'fast-check';
import { formatJid, JID_NUMBER_MAX, KNOWN_USER_SERVERS, parseJid, type JidParts } from '../spec/index.js';
import { anyOfKinds, kind, kindsOfTable, type CaseKind } from './kinds.js';
import { COERCED_TEXT_TABLE, PROTOTYPE_PROPERTY_NAMES } from './text.js';

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** The classes of user part, by name: the page's synthetic letters, phone numbers, LID numbers, any alphanumerics. */
export const JID_USER_TABLE: Readonly<Record<string, fc.Arbitrary<string>>> = {
  'page-letter': fc.constantFrom('A', 'B'),
  phone: digits(8, 15),
  lid: digits(14, 16),
  alphanumeric: fc.string({
    unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'),
    minLength: 1,
    maxLength: 20,
  }),
};

/** The user part: the page's synthetic letters, phone numbers, LID numbers, any alphanumerics. */
export const jidUserArb: fc.Arbitrary<string> = fc.oneof(...Object.values(JID_USER_TABLE));

/** An agent or device number, 0 and 255 included. */
export const jidNumberArb: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(0, JID_NUMBER_MAX), fc.integer({ min: 0, max: JID_NUMBER_MAX }));

const labelArb = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'), minLength: 1, maxLength: 8 });
const otherServerArb = fc.array(labelArb, { minLength: 1, maxLength: 3 }).map((l) => l.join('.'));

/** A server: mostly the known user servers, sometimes any lowercase dotted name. */
export const jidServerArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KNOWN_USER_SERVERS) },
  { weight: 1, arbitrary: otherServerArb },
);

type PartsArbs = {
  user: fc.Arbitrary<string>;
  agent: fc.Arbitrary<number | undefined>;
  device: fc.Arbitrary<number | undefined>;
  server: fc.Arbitrary<string>;
};

const optional = (arb: fc.Arbitrary<number>) => fc.option(arb, { nil: undefined, freq: 2 });
const ANY: PartsArbs = { user: jidUserArb, agent: optional(jidNumberArb), device: optional(jidNumberArb), server: jidServerArb };

/** JID parts with some parts pinned: absent agent or device are left out of the object. */
function partsArb(pinned: Partial<PartsArbs> = {}): fc.Arbitrary<JidParts> {
  const a = { ...ANY, ...pinned };
  return fc.record({ user: a.user, agent: a.agent, device: a.device, server: a.server }, { noNullPrototype: true }).map((p) => {
    const out: JidParts = { user: p.user, server: p.server };
    if (p.agent !== undefined) out.agent = p.agent;
    if (p.device !== undefined) out.device = p.device;
    return out;
  });
}

/** The parts of a valid JID, with and without agent and device. */
export const jidPartsArb: fc.Arbitrary<JidParts> = partsArb();

/** A valid JID. */
export const jidArb: fc.Arbitrary<string> = jidPartsArb.map(formatJid);

/** JIDs every run tries, by name: the page's own, a phone number on every known server, agent and device at 0 and 255, the shortest. */
export const JID_EDGE_TABLE: Readonly<Record<string, string>> = {
  'page-agent-device': 'B.0:7@s.whatsapp.net',
  'page-bare': 'A@s.whatsapp.net',
  ...Object.fromEntries(KNOWN_USER_SERVERS.map((s) => [`phone-at-${s}`, `491701234567@${s}`])),
  'lid-device-0': '123456789012345:0@lid',
  'agent-device-255': '1.255:255@hosted.lid',
  'agent-device-0': '1.0:0@c.us',
  shortest: 'Z@x',
};

/** The values of {@link JID_EDGE_TABLE}. */
export const JID_EDGES: readonly string[] = Object.values(JID_EDGE_TABLE);

const pin = (n: number) => fc.constant(n);

/** Whether the grammar reads `text` as that part (`1.50` is a user and an agent, not a user). */
const validAs = (part: 'user' | 'server', text: string) => parseJid(part === 'user' ? `${text}@lid` : `A@${text}`)?.[part] === text;

/**
 * Whole users and servers the valid side pins, by `part:class:name`: each text
 * a type-coercing parser changes that the grammar allows there (`007`, `1e3`,
 * `Infinity`, `true`, `null` as a user; `007`, `0x1f`, `infinity`, `null`
 * as a server), and each JavaScript prototype name the grammar allows
 * (`constructor`, `valueOf` as a user; `constructor`, `prototype`, `length` as a
 * server). A codec must carry them verbatim.
 */
export const JID_WHOLE_PART_TABLE: Readonly<Record<string, { part: 'user' | 'server'; text: string }>> = Object.fromEntries(
  (['user', 'server'] as const).flatMap((part) => [
    ...Object.entries(COERCED_TEXT_TABLE)
      .map(([name, v]) => [name, part === 'server' ? v.toLowerCase() : v] as const)
      .filter(([, v]) => validAs(part, v))
      .map(([name, text]) => [`${part}:coerced:${name}`, { part, text }]),
    ...PROTOTYPE_PROPERTY_NAMES.filter((n) => validAs(part, n)).map((n) => [`${part}:builtin:${n.replace(/_/g, '')}`, { part, text: n }]),
  ]),
);

/**
 * The kinds of JID, as parts: each edge of {@link JID_EDGE_TABLE}, each class
 * of user, each whole user or server of {@link JID_WHOLE_PART_TABLE} (texts
 * parsers retype, prototype names), each known server and any other, agent
 * and device at 0 and 255, neither. The rest of a pinned JID is random.
 */
export const JID_KINDS: readonly CaseKind<JidParts>[] = [
  ...kindsOfTable('edge', JID_EDGE_TABLE, (jid) => fc.constant(parseJid(jid)!), 0.25),
  ...kindsOfTable('user', JID_USER_TABLE, (user) => partsArb({ user })),
  // tried once in every run, never drawn at random: they leave the share of real traffic as it was
  ...kindsOfTable('', JID_WHOLE_PART_TABLE, ({ part, text }) => partsArb({ [part]: fc.constant(text) }), 0),
  ...KNOWN_USER_SERVERS.map((s) => kind(`server:${s}`, partsArb({ server: fc.constant(s) }))),
  kind('server:other', partsArb({ server: otherServerArb })),
  kind('agent:0', partsArb({ agent: pin(0) }), 0.5),
  kind(`agent:${JID_NUMBER_MAX}`, partsArb({ agent: pin(JID_NUMBER_MAX) }), 0.5),
  kind('device:0', partsArb({ device: pin(0) }), 0.5),
  kind(`device:${JID_NUMBER_MAX}`, partsArb({ device: pin(JID_NUMBER_MAX) }), 0.5),
  kind('bare', partsArb({ agent: fc.constant(undefined), device: fc.constant(undefined) }), 0.5),
];

/** A realistic user: a phone number on s.whatsapp.net or a LID number on lid. */
export const realisticUserArb: fc.Arbitrary<JidParts> = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 9 }), digits(9, 13)).map(([cc, n]) => ({ user: `${cc}${n}`, server: 's.whatsapp.net' })),
  fc.tuple(fc.integer({ min: 1, max: 9 }), digits(13, 15)).map(([d, n]) => ({ user: `${d}${n}`, server: 'lid' })),
);

/** A realistic user on one addressing: phone numbers on s.whatsapp.net, or LIDs on lid. */
export const realisticUserOn = (addressing: 'phone' | 'lid'): fc.Arbitrary<JidParts> =>
  realisticUserArb.filter((p) => (p.server === 'lid') === (addressing === 'lid'));

/** A realistic device of a realistic user: the primary (none or 0) or a companion (1 to 99). */
export const realisticDeviceArb: fc.Arbitrary<number | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(0),
  fc.integer({ min: 1, max: 99 }),
);

/** Any JID kind's parts, by weight: the whole JID space. */
export const anyJidKindArb: fc.Arbitrary<JidParts> = anyOfKinds(JID_KINDS);

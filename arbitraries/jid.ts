import fc from 'fast-check';
import { formatJid, JID_NUMBER_MAX, KNOWN_USER_SERVERS, type JidParts } from '../spec/index.js';

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** The user part: the page's synthetic letters, phone numbers, LID numbers, any alphanumerics. */
export const jidUserArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('A', 'B'),
  digits(8, 15),
  digits(14, 16),
  fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 20 }),
);

/** An agent or device number, 0 and 255 included. */
export const jidNumberArb: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, JID_NUMBER_MAX),
  fc.integer({ min: 0, max: JID_NUMBER_MAX }),
);

const labelArb = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'), minLength: 1, maxLength: 8 });

/** A server: mostly the known user servers, sometimes any lowercase dotted name. */
export const jidServerArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KNOWN_USER_SERVERS) },
  { weight: 1, arbitrary: fc.array(labelArb, { minLength: 1, maxLength: 3 }).map((l) => l.join('.')) },
);

/** The parts of a valid JID, with and without agent and device. */
export const jidPartsArb: fc.Arbitrary<JidParts> = fc
  .record(
    { user: jidUserArb, agent: jidNumberArb, device: jidNumberArb, server: jidServerArb },
    { requiredKeys: ['user', 'server'], noNullPrototype: true },
  );

/** A valid JID. */
export const jidArb: fc.Arbitrary<string> = jidPartsArb.map(formatJid);

/** JIDs every run tries first: every known server, agent and device at 0 and 255, the page's own. */
export const JID_EDGES: readonly string[] = [
  'B.0:7@s.whatsapp.net',
  'A@s.whatsapp.net',
  ...KNOWN_USER_SERVERS.map((s) => `491701234567@${s}`),
  '123456789012345:0@lid',
  '1.255:255@hosted.lid',
  '1.0:0@c.us',
  'Z@x',
];

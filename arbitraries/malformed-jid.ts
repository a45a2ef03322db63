import fc from 'fast-check';
import { formatJid, JID_NUMBER_MAX, parseJid, type JidParts } from '../spec/index.js';
import { kindsOfTable, type CaseKind } from './kinds.js';
import { jidPartsArb } from './jid.js';

const at = (p: JidParts, user: string, server = p.server) => `${user}${p.agent === undefined ? '' : `.${p.agent}`}@${server}`;

/**
 * Each kind of malformed JID, named after its fault, made from a valid JID's
 * parts. Every result is refused by the grammar (tested in test/arbitraries).
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

/** The names of the kinds in {@link MALFORMED_JIDS}. */
export const MALFORMED_JID_KINDS = Object.keys(MALFORMED_JIDS);

/** One kind per entry of {@link MALFORMED_JIDS}: a JID with exactly that fault. */
export const MALFORMED_JID_CASE_KINDS: readonly CaseKind<string>[] = kindsOfTable('', MALFORMED_JIDS, (make) =>
  jidPartsArb.map(make).filter((jid) => parseJid(jid) === undefined),
);

/** A malformed JID and the kind of fault it has. */
export const malformedJidArb: fc.Arbitrary<{ kind: string; jid: string }> = fc.oneof(
  ...MALFORMED_JID_CASE_KINDS.map((k) => k.arbitrary.map((jid) => ({ kind: k.name, jid }))),
);

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jidArb, jidPartsArb, JID_EDGES, MALFORMED_JIDS, MALFORMED_JID_KINDS, malformedJidArb } from '../../arbitraries/index.js';
import { bareJid, formatJid, isJid, KNOWN_USER_SERVERS, parseJid } from '../../spec/index.js';
import { isJid as independentIsJid } from '../fixtures/independent/_rules.js';

/** A JID to the grammar and to the rules written apart from it (test/fixtures/independent), which must agree. */
const both = (jid: string) => isJid(jid) && independentIsJid(jid);
const neither = (jid: string) => !isJid(jid) && !independentIsJid(jid);

describe('the JID grammar', () => {
  it('reads user, agent, device and server', () => {
    expect(parseJid('B.0:7@s.whatsapp.net')).toEqual({ user: 'B', agent: 0, device: 7, server: 's.whatsapp.net' });
    expect(parseJid('4917@lid')).toEqual({ user: '4917', server: 'lid' });
    expect(parseJid('A:255@hosted.lid')).toEqual({ user: 'A', device: 255, server: 'hosted.lid' });
  });

  it('accepts every known user server and the edges of agent and device', () => {
    for (const server of KNOWN_USER_SERVERS) expect(isJid(`1.0:0@${server}`), server).toBe(true);
    expect(isJid('1.255:255@s.whatsapp.net')).toBe(true);
  });

  it('refuses the malformed shapes docs/spec-decisions.md names', () => {
    for (const bad of [
      '',
      'A',
      'A@',
      '@s.whatsapp.net',
      'A@@s.whatsapp.net',
      'A:256@s.whatsapp.net',
      'A.256@lid',
      'A:07@lid',
      'A:-1@lid',
      'A@S.WHATSAPP.NET',
      ' A@lid',
      'A@lid ',
      'A B@lid',
      'A@lid..net',
      'A@lid.',
      'A:x@lid',
    ]) {
      expect(isJid(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(isJid(7)).toBe(false);
  });

  it('formats what it parses back to the same text', () => {
    fc.assert(fc.property(jidArb, (jid) => formatJid(parseJid(jid)!) === jid));
  });

  it('gives the account of a JID without agent and device', () => {
    expect(bareJid('B.0:7@s.whatsapp.net')).toBe('B@s.whatsapp.net');
    expect(bareJid('nope')).toBeUndefined();
  });
});

describe('the JID arbitraries', () => {
  it('generate only JIDs, edges included', () => {
    fc.assert(fc.property(jidArb, both), { numRuns: 500 });
    for (const jid of JID_EDGES) expect(both(jid), jid).toBe(true);
  });

  it('reach agent and device 0 and 255, with and without, on every known server', () => {
    const seen = fc.sample(jidPartsArb, { numRuns: 3000, seed: 1 });
    const devices = new Set(seen.map((p) => p.device));
    const agents = new Set(seen.map((p) => p.agent));
    for (const v of [undefined, 0, 255]) {
      expect(devices.has(v), `device ${v}`).toBe(true);
      expect(agents.has(v), `agent ${v}`).toBe(true);
    }
    const servers = new Set([...seen.map((p) => p.server), ...JID_EDGES.map((j) => parseJid(j)!.server)]);
    for (const s of KNOWN_USER_SERVERS) expect(servers.has(s), s).toBe(true);
  });

  it('make every kind of malformed JID refused by the grammar, from any valid JID', () => {
    fc.assert(
      fc.property(jidPartsArb, (parts) => {
        for (const kind of MALFORMED_JID_KINDS) {
          const jid = MALFORMED_JIDS[kind]!(parts);
          if (!neither(jid)) throw new Error(`${kind} made a valid JID: ${JSON.stringify(jid)}`);
        }
      }),
      { numRuns: 300 },
    );
    fc.assert(fc.property(malformedJidArb, ({ jid }) => neither(jid)));
  });
});

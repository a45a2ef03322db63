import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALL_MALFORMED_JIDS,
  DERIVED_MALFORMED_JIDS,
  jidArb,
  jidPartsArb,
  JID_C0,
  JID_C1,
  JID_CASE_FOLDING,
  JID_EDGES,
  JID_FULLWIDTH,
  JID_KINDS,
  JID_NON_ASCII_DIGITS,
  JID_WHITESPACE,
  JID_WHOLE_PART_TABLE,
  MALFORMED_JIDS,
  MALFORMED_JID_KINDS,
  malformedJidArb,
  malformedJidKindsFor,
  PROTOTYPE_PROPERTY_NAMES,
} from '../../arbitraries/index.js';
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

  it('keep the hand-picked malformed kinds by their names (fixtures and tests use them)', () => {
    for (const name of Object.keys(MALFORMED_JIDS)) expect(MALFORMED_JID_KINDS).toContain(name);
    expect(MALFORMED_JID_KINDS).toHaveLength(new Set(MALFORMED_JID_KINDS).size);
  });

  it('draw malformed JIDs only of the kinds they name', () => {
    fc.assert(fc.property(malformedJidArb, ({ jid }) => neither(jid)));
  });
});

/** Valid parts to break, random ones and the shortest of each shape (a one-character user, a one-label server). */
const PARTS = [
  ...fc.sample(jidPartsArb, { numRuns: 150, seed: 11 }),
  { user: '1', server: 'x' },
  { user: '12', server: 'a', agent: 0, device: 0 },
  { user: 'A', server: 'lid', agent: 255 },
  { user: '1', server: 'c.us', device: 255 },
];

describe('each kind of malformed JID', () => {
  for (const [name, f] of Object.entries(ALL_MALFORMED_JIDS)) {
    it(`${name}: refused by the grammar and by the independent rules, from any valid JID`, () => {
      for (const p of PARTS) {
        const jid = f.make(p);
        expect(neither(jid), `${name} from ${JSON.stringify(p)}: ${JSON.stringify(jid)}`).toBe(true);
      }
    });
  }
});

/** The derived kinds, read back from their names: `part:class[:character]:position`. */
const derived = Object.keys(DERIVED_MALFORMED_JIDS).map((name) => {
  const [part, cls, ...rest] = name.split(':');
  return { name, part: part!, cls: cls!, rest, slot: DERIVED_MALFORMED_JIDS[name]!.slot };
});
const cp = (ch: string) => `u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`;

describe('the malformed JIDs derived from the grammar', () => {
  const CLASSES: [string, readonly string[], string[]][] = [
    ['whitespace', JID_WHITESPACE, ['user', 'server', 'number']],
    ['c0', JID_C0, ['any']],
    ['c1', JID_C1, ['any']],
    ['non-ascii-digit', JID_NON_ASCII_DIGITS, ['user', 'server', 'number']],
    ['fullwidth', JID_FULLWIDTH, ['user', 'server']],
    ['case-folding', JID_CASE_FOLDING, ['user', 'server']],
  ];
  for (const [cls, chars, parts] of CLASSES) {
    it(`${cls}: every character is a kind of its own in each part it is tried in, at each position`, () => {
      const kinds = derived.filter((d) => d.cls === cls);
      for (const part of parts) {
        const inPart = kinds.filter((d) =>
          part === 'number' ? d.part === 'agent' || d.part === 'device' : part === 'any' ? true : d.part === part,
        );
        for (const ch of chars)
          expect(
            inPart.some((d) => d.rest[0] === cp(ch)),
            `${cls} ${cp(ch)} in ${part}`,
          ).toBe(true);
        for (const pos of ['start', 'middle', 'end'])
          expect(
            inPart.some((d) => d.rest[1] === pos),
            `${cls} ${part} ${pos}`,
          ).toBe(true);
      }
      // each character's kind holds that character, in its part
      for (const d of kinds) {
        const ch = String.fromCodePoint(parseInt(d.rest[0]!.slice(1), 16));
        expect(DERIVED_MALFORMED_JIDS[d.name]!.make({ user: 'AB', server: 'lid' }), d.name).toContain(ch);
      }
    });
  }

  it('hold each white-space character that JavaScript, Python, PCRE, Go and Java disagree on', () => {
    for (const ch of '\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff') expect(JID_WHITESPACE).toContain(ch);
    for (let c = 0x2000; c <= 0x200a; c++) expect(JID_WHITESPACE).toContain(String.fromCharCode(c));
    // every character JavaScript's \s takes below U+FFFF is in the class
    for (let c = 0; c <= 0xffff; c++)
      if (/\s/.test(String.fromCharCode(c))) expect(JID_WHITESPACE, cp(String.fromCharCode(c))).toContain(String.fromCharCode(c));
    // every C0 and C1 control is in one class or the other
    for (let c = 0; c < 0x20; c++) expect([...JID_WHITESPACE, ...JID_C0]).toContain(String.fromCharCode(c));
    for (let c = 0x80; c < 0xa0; c++) expect([...JID_WHITESPACE, ...JID_C1]).toContain(String.fromCharCode(c));
  });

  it('put every part empty, doubled and (agent, device) out of range', () => {
    const names = MALFORMED_JID_KINDS;
    for (const n of ['empty-user', 'agent:empty', 'device-empty', 'empty-server', 'user:doubled-separator', 'two-at'])
      expect(names, n).toContain(n);
    for (const part of ['agent', 'device']) {
      for (const f of ['doubled', 'doubled-separator', 'out-of-range:4294967296', 'out-of-range:huge', 'out-of-range:negative-zero'])
        expect(names, `${part}:${f}`).toContain(`${part}:${f}`);
    }
    for (const pos of ['start', 'middle', 'end']) expect(names).toContain(`server:upper-case:${pos}`);
    for (const part of ['user', 'agent', 'device']) expect(names).toContain(`${part}:newline:end`);
  });

  it('put each separator foreign to a part into it, at each position', () => {
    const seps: Record<string, string[]> = {
      user: ['plus', 'hyphen', 'underscore', 'slash', 'comma', 'semicolon', 'at', 'dot', 'colon'],
      agent: ['plus', 'hyphen', 'underscore', 'slash', 'comma', 'semicolon', 'at', 'dot'],
      device: ['plus', 'hyphen', 'underscore', 'slash', 'comma', 'semicolon', 'at', 'dot', 'colon'],
      server: ['plus', 'underscore', 'slash', 'comma', 'semicolon', 'at', 'colon'],
    };
    for (const [part, list] of Object.entries(seps)) {
      const kinds = derived.filter((d) => d.part === part && d.cls === 'separator');
      expect(kinds.map((d) => d.rest[0]).sort(), part).toEqual([...list].sort());
      for (const pos of ['start', 'middle', 'end'])
        expect(
          kinds.some((d) => d.rest[1] === pos),
          `${part} ${pos}`,
        ).toBe(true);
    }
  });

  it('put each prototype name the grammar refuses into the server and the user', () => {
    for (const n of PROTOTYPE_PROPERTY_NAMES) {
      const short = n.replace(/_/g, '');
      if (!isJid(`A@${n}`)) expect(MALFORMED_JID_KINDS, `server ${n}`).toContain(`server:builtin:${short}`);
      if (!isJid(`${n}@lid`)) expect(MALFORMED_JID_KINDS, `user ${n}`).toContain(`user:builtin:${short}`);
    }
    for (const n of ['__proto__', 'toString', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__'])
      expect(PROTOTYPE_PROPERTY_NAMES).toContain(n);
  });

  it('spread character kinds over the three JID attributes, structural kinds in all three, C0 left out of stanzas', () => {
    const per = [0, 1, 2].map((s) => malformedJidKindsFor(s).map((k) => k.name));
    for (const name of MALFORMED_JID_KINDS) {
      const slot = ALL_MALFORMED_JIDS[name]!.slot;
      for (const s of [0, 1, 2]) expect(per[s]!.includes(name), `${name} in ${s}`).toBe(slot === undefined || slot === s);
    }
    const stanza = [0, 1, 2].flatMap((s) => malformedJidKindsFor(s, 'stanza').map((k) => k.name));
    for (const d of derived.filter((x) => x.cls === 'c0')) expect(stanza.includes(d.name), d.name).toBe(d.rest[0] === 'u007f');
    expect(stanza).toContain('inner-tab');
    // VT, FF and U+001C-U+001F are white space to some languages and C0 controls to XML: encode kinds only
    const notXml = ['u000b', 'u000c', 'u001c', 'u001d', 'u001e', 'u001f'];
    for (const d of derived.filter((x) => x.cls === 'whitespace'))
      expect(stanza.includes(d.name), d.name).toBe(!notXml.includes(d.rest[0]!));
  });
});

describe('the valid JID kinds a codec must carry verbatim', () => {
  for (const [name, { part, text }] of Object.entries(JID_WHOLE_PART_TABLE)) {
    it(`${name}: a valid ${part} ${JSON.stringify(text)}, every case of the kind holds it`, () => {
      const k = JID_KINDS.find((x) => x.name === name)!;
      for (const p of fc.sample(k.arbitrary, { numRuns: 20, seed: 1 })) {
        expect(p[part]).toBe(text);
        expect(both(formatJid(p)), formatJid(p)).toBe(true);
      }
    });
  }
  it('include the texts parsers retype and the prototype names, where the grammar allows them', () => {
    for (const n of [
      'user:coerced:leading-zeros',
      'user:coerced:exponent',
      'user:coerced:infinity',
      'user:coerced:true',
      'user:coerced:null',
    ])
      expect(Object.keys(JID_WHOLE_PART_TABLE)).toContain(n);
    for (const n of ['server:coerced:leading-zeros', 'server:coerced:null', 'server:coerced:true', 'server:builtin:constructor'])
      expect(Object.keys(JID_WHOLE_PART_TABLE)).toContain(n);
    expect(JID_WHOLE_PART_TABLE['user:builtin:constructor']).toEqual({ part: 'user', text: 'constructor' });
  });
});

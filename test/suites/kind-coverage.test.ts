/**
 * Issue 13's "done when", as tests. Every kind of a check's input space is
 * tried in every run whatever the seed, so a codec with one subtle fault in
 * one kind is caught at --runs 1; two faults in one check are both reported,
 * each with a replay that finds it again; realistic traffic is a kind of its
 * own; a check failing on many kinds reports ten and counts the rest. Each
 * fixture runs in this process on the one check that catches it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdapter, type LoadedAdapter } from '../../adapters/loader.js';
import { malformedJidKindsFor, PROTOTYPE_PROPERTY_NAMES } from '../../arbitraries/index.js';
import { DrawnCases, MAX_FAILURES_SHOWN, run, type CheckResult, type RunOptions } from '../../runner/index.js';
import type { Adapter } from '../../adapters/contract.js';
import { referenceXmlAdapter } from '../../adapters/reference/xml.js';
import { PAGE_EXAMPLE, type CallReject } from '../../spec/index.js';
import { KIND_FAULTS } from '../fixtures/fault-table.js';
import { FAULTS_DIR } from '../helpers/faults.js';

/** Fixed seeds (the default, the edges of a 32-bit seed) and two drawn afresh each time, which failure messages print. */
const SEEDS = [0, 1, 7, 42, 20260, 2 ** 31 - 1, ...Array.from({ length: 2 }, () => Math.floor(Math.random() * 2 ** 31))];

const loaded = new Map<string, Promise<LoadedAdapter>>();
const load = (fixture: string) => {
  if (!loaded.has(fixture)) loaded.set(fixture, loadAdapter(join(FAULTS_DIR, `${fixture}.ts`)));
  return loaded.get(fixture)!;
};

/** One check of one fixture, in this process. */
/** Every fixture here is given the same cases of a check at a seed: drawn once. */
const DRAWN = new DrawnCases(SEEDS.length);

async function runOne(fixture: string, check: string, options: Omit<RunOptions, 'adapter' | 'checks'> = {}): Promise<CheckResult> {
  const r = await run({ adapter: await load(fixture), checks: [check], isolation: false, drawnCases: DRAWN, ...options });
  return r.checks[0]!;
}

/** The steps of a shown sequence (its first line is the settling calls). */
const shownSteps = (c: unknown) =>
  (c as unknown[]).filter((s): s is { call: string; expect: string | Record<string, unknown> } => typeof s === 'object');
/** The call-ids of the valid stanzas a shown sequence decodes, in order. */
const decodedCallIds = (c: unknown) =>
  shownSteps(c)
    .filter((s) => s.call === 'decode' && typeof s.expect === 'object')
    .map((s) => (s.expect as { callId: string }).callId);

const failedKinds = (r: CheckResult) => (r.kinds ?? []).filter((k) => k.failed).map((k) => k.name);
const has = (text: string) => (counterexample: unknown) => JSON.stringify(counterexample).includes(text);

interface KindCase {
  fixture: string;
  check: string;
  /** The kinds the fault is in: every case of each of them meets it. */
  kinds: string[];
  /**
   * Whether a case of another kind can meet the fault too (its random part
   * drew the character, say): such a failure must hold it. Without `holds`,
   * no other kind may fail.
   */
  holds?: (counterexample: unknown) => boolean;
  /**
   * The fault makes decode throw on a valid stanza. A decode check takes a
   * throw on a message whose reason is beyond declined and busy for the
   * subset reading of the reason list, so such a case cannot show it (see the
   * it.fails below).
   */
  throws?: true;
}

/** The fixture whose fault only real traffic meets. */
const REALISTIC = 'encode-fast-path-swaps-from-and-to';

const JIDS = (attrs: string[], fault: string) => attrs.map((a) => `malformed-jid:${a}:${fault}`);
const NWF = (...kinds: string[]) => kinds.map((k) => `not-well-formed:${k}`);
const ENCODE_JIDS = ['from', 'to', 'callCreator'];
const DECODE_JIDS = ['from', 'to', 'call-creator'];
const TEXT = ['id', 'callId'];

/** A malformed-JID check's kinds (each attribute's, as `malformed-jid:<attribute>:<kind>`) whose kind name `pick` takes. */
const JID_KINDS_WHERE = (attrs: string[], carried: 'stanza' | 'message', pick: (kind: string) => boolean) =>
  attrs.flatMap((a, slot) =>
    malformedJidKindsFor(slot, carried)
      .map((k) => k.name)
      .filter(pick)
      .map((k) => `malformed-jid:${a}:${k}`),
  );
const DECODE_JID_KINDS = (pick: (kind: string) => boolean) => JID_KINDS_WHERE(DECODE_JIDS, 'stanza', pick);

/** The kind `user:separator:plus:start` (`+4917…@…`), in whichever attribute it is tried. */
const PLUS_START = (k: string) => k === 'user:separator:plus:start';

/** What lower-casing the server before the grammar lets through: upper case, KELVIN SIGN (k), upper-case server texts. */
const LOWER_CASED_SERVER = (k: string) =>
  k.startsWith('server:upper-case:') ||
  k.startsWith('server:case-folding:u212a:') ||
  ['page', 'one-char', 'long'].some((t) => k === `server:text:${t}`) ||
  ['toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'].some(
    (n) => k === `server:builtin:${n}`,
  );

/**
 * What `parseInt(device)` lets through: anything after the device's first
 * digit (not a `.` or `@`, which end the part for the fixture's split), and
 * before it what parseInt skips (JavaScript white space) or reads (`+`).
 */
const PARSEINT_DEVICE = (k: string) => {
  const [part, cls, ch, pos] = k.split(':');
  if (k === 'device:newline:end' || k === 'device:doubled') return true;
  if (part !== 'device' || pos === undefined || ch === 'dot' || ch === 'at') return false;
  if (pos !== 'start') return true;
  if (cls === 'whitespace') return /\s/.test(String.fromCodePoint(parseInt(ch!.slice(1), 16)));
  return cls === 'separator' && ch === 'plus';
};

/** What a server label written `[^\s.:@_/A-Z]+` lets through: whatever is not JavaScript white space, upper case or those separators. */
const NEGATED_S_SERVER = (k: string) => {
  const [part, cls, ch] = k.split(':');
  if (part !== 'server') return false;
  if (['c1', 'non-ascii-digit', 'fullwidth', 'case-folding'].includes(cls!)) return true;
  if (cls === 'whitespace') return ['u0085', 'u180e', 'u200b'].includes(ch!);
  if (cls === 'c0') return ch === 'u007f';
  if (cls === 'separator') return ['plus', 'comma', 'semicolon'].includes(ch!);
  if (cls === 'text')
    return ['xml-specials', 'astral', 'decomposed-accent', 'entity-text', 'entities-text', 'char-ref-text', 'cdata-end'].includes(ch!);
  return false;
};

/** Each one-fault fixture, the check that catches it and the kinds it is caught by. */
const KIND_CASES: KindCase[] = [
  {
    fixture: 'encode-accepts-device-leading-zero',
    check: 'reject.encode.refuses.malformed-jid',
    kinds: JIDS(ENCODE_JIDS, 'device-leading-zero'),
  },
  {
    fixture: 'encode-accepts-plus-in-user',
    check: 'reject.encode.refuses.malformed-jid',
    kinds: [...JIDS(ENCODE_JIDS, 'plus-in-user'), ...JID_KINDS_WHERE(ENCODE_JIDS, 'message', PLUS_START)],
  },
  { fixture: 'encode-accepts-null-reason', check: 'reject.encode.refuses.reason-outside-enum', kinds: ['reason-outside-enum:null'] },
  {
    fixture: 'encode-trims-reason-before-checking',
    check: 'reject.encode.refuses.reason-outside-enum',
    kinds: ['leading-space', 'trailing-space', 'trailing-tab', 'trailing-newline'].map((k) => `reason-outside-enum:${k}`),
  },
  {
    fixture: 'encode-writes-raw-vertical-tab',
    check: 'reject.encode.refuses.unencodable-character',
    kinds: TEXT.map((a) => `unencodable-character:${a}:vertical-tab`),
  },
  {
    fixture: 'encode-accepts-lone-low-surrogate',
    check: 'reject.encode.refuses.unencodable-character',
    kinds: TEXT.map((a) => `unencodable-character:${a}:lone-low-surrogate`),
  },
  {
    fixture: 'encode-writes-undefined-call-creator',
    check: 'reject.encode.refuses.missing-attribute',
    kinds: ['missing-attribute:callCreator=undefined'],
  },
  { fixture: 'encode-writes-nbsp-as-space', check: 'reject.encode.call-id', kinds: ['text:char:nbsp'], holds: has('\u00a0') },
  { fixture: 'encode-writes-nbsp-as-space', check: 'reject.encode.id', kinds: ['text:char:nbsp'], holds: has('\u00a0') },
  {
    fixture: 'decode-accepts-device-leading-zero',
    check: 'reject.decode.refuses.malformed-jid',
    kinds: JIDS(DECODE_JIDS, 'device-leading-zero'),
  },
  {
    fixture: 'decode-accepts-uppercase-server',
    check: 'reject.decode.refuses.malformed-jid',
    kinds: [...JIDS(DECODE_JIDS, 'uppercase-server'), ...DECODE_JID_KINDS(LOWER_CASED_SERVER)],
  },
  {
    fixture: 'decode-accepts-two-malformed-jid-kinds',
    check: 'reject.decode.refuses.malformed-jid',
    kinds: [...JIDS(DECODE_JIDS, 'plus-in-user'), ...DECODE_JID_KINDS(PLUS_START), ...JIDS(DECODE_JIDS, 'trailing-dot')],
  },
  {
    fixture: 'decode-accepts-reason-in-any-case',
    check: 'reject.decode.refuses.reason-outside-enum',
    kinds: ['reason-outside-enum:upper-case', 'reason-outside-enum:capitalized'],
  },
  {
    fixture: 'decode-reads-null-text-reason-as-absent',
    check: 'reject.decode.refuses.reason-outside-enum',
    kinds: ['reason-outside-enum:null-text', 'reason-outside-enum:undefined-text'],
  },
  { fixture: 'decode-accepts-empty-call-id', check: 'reject.decode.refuses.empty-attribute', kinds: ['empty-attribute:call-id'] },
  {
    fixture: 'decode-fills-in-missing-call-creator',
    check: 'reject.decode.refuses.missing-attribute',
    kinds: ['missing-attribute:call-creator', 'missing-attribute:call-creator:on-call', 'missing-attribute:call-creator:upper-case-name'],
  },
  {
    fixture: 'decode-escapes-bare-ampersands',
    check: 'reject.decode.refuses.not-well-formed',
    // escaping what it takes for a bare & also lets near-miss references through
    kinds: NWF(
      'bare-ampersand',
      'bare-ampersand-name',
      'char-ref:drop-hash',
      'entity-ref:space-before-semicolon',
      'entity-ref:doubled-ampersand',
      'content:bare-ampersand',
      'content:reference-without-semicolon',
    ),
  },
  {
    fixture: 'decode-reads-only-the-first-root',
    check: 'reject.decode.refuses.not-well-formed',
    // whatever follows the first root is never read
    kinds: NWF(
      'two-roots',
      'text-after-root',
      'xml-decl:after-root',
      'pi:target-mixed-case-xml-after-root',
      'pi:drop-question-mark',
      'misc:nbsp-after-root',
      'misc:char-ref-space-after-root',
      'e-tag:doubled',
      'cdata:after-root',
      'after-root:doctype',
      'after-root:end-tag',
      'after-root:entity-ref',
      'after-root:text-after-comment',
    ),
  },
  { fixture: 'decode-drops-nul-references', check: 'reject.decode.refuses.forbidden-character', kinds: ['forbidden-character:ref-nul'] },
  { fixture: 'decode-reads-reject-tag-case-insensitively', check: 'reject.decode.refuses.wrong-child', kinds: ['wrong-child:Reject'] },
  {
    fixture: 'decode-ignores-children-after-reject',
    check: 'reject.decode.refuses.extra-child',
    kinds: ['terminate', 'x', 'accept', 'reject-extra'].map((t) => `extra-child:${t}:after`),
  },
  { fixture: 'decode-keeps-one-of-two-identical-rejects', check: 'reject.decode.refuses.two-rejects', kinds: ['two-rejects:identical'] },
  { fixture: 'decode-ignores-bare-doctype', check: 'reject.decode.refuses.doctype', kinds: ['doctype:doctype-only'] },
  {
    fixture: 'decode-reads-line-separator-as-space',
    check: 'reject.decode.plain',
    kinds: ['text:char:line-separator'],
    holds: has('\u2028'),
  },
  {
    fixture: 'decode-reads-two-separators-as-spaces',
    check: 'reject.decode.plain',
    kinds: ['text:char:line-separator', 'text:char:next-line'],
    holds: (c) => has('\u2028')(c) || has('\u0085')(c),
  },
  { fixture: 'node-decode-reads-root-case-insensitively', check: 'reject.decode.refuses.wrong-root', kinds: ['wrong-root:Call'] },
  {
    fixture: 'node-decode-stringifies-number-attributes',
    check: 'reject.decode.refuses.not-a-node',
    kinds: ['not-a-node:attr-not-string'],
  },
  {
    fixture: 'reply-normalizes-call-id-to-nfc',
    check: 'reject.reply.call-id',
    kinds: ['text:edge:decomposed-accent'],
    holds: (c) => {
      const id = (c as { offer: { callId: string } }).offer.callId;
      return id.normalize('NFC') !== id;
    },
  },
  // Decode rendering variants: each fault refuses a valid stanza.
  {
    fixture: 'decode-misreads-hex-char-refs',
    check: 'reject.decode.character-references',
    kinds: ['refs:hex', 'refs:mixed'],
    holds: has('&#x'),
    throws: true,
  },
  {
    fixture: 'decode-refuses-single-quoted-declaration',
    check: 'reject.decode.layout',
    kinds: ['layout:declaration:single-quoted-standalone'],
    holds: has("<?xml version='1.0'"),
    throws: true,
  },
  {
    fixture: 'decode-refuses-count-zero',
    check: 'reject.decode.unknown-attributes',
    kinds: ['extras:count-zero', 'realistic:phone', 'realistic:lid'],
    holds: has('count'),
    throws: true,
  },
  {
    fixture: 'node-decode-refuses-count-zero',
    check: 'reject.decode.unknown-attributes',
    kinds: ['extras:count-zero', 'realistic:phone', 'realistic:lid'],
    holds: has('count'),
    throws: true,
  },
  {
    fixture: 'decode-refuses-cdata-in-reject',
    check: 'reject.decode.reject-content',
    kinds: ['content:cdata'],
    holds: has('<![CDATA['),
    throws: true,
  },
  {
    fixture: 'decode-calls-hasownproperty-on-attrs',
    check: 'reject.decode.unknown-attributes',
    kinds: ['extras:builtin-names'],
    holds: has('hasOwnProperty'),
    throws: true,
  },
  {
    fixture: 'node-decode-reads-attributes-by-position',
    check: 'reject.decode.layout',
    kinds: ['layout:reversed-order'],
    holds: (c) =>
      Object.keys((c as { wire: { attrs: object } }).wire.attrs)
        .slice(0, 3)
        .join() !== 'from,to,id',
    throws: true,
  },
  {
    fixture: 'decode-reads-attributes-from-either-element',
    check: 'reject.decode.refuses.missing-attribute',
    kinds: ['from:on-reject', 'to:on-reject', 'id:on-reject', 'call-id:on-call', 'call-creator:on-call'].map(
      (k) => `missing-attribute:${k}`,
    ),
  },
  {
    fixture: 'decode-checks-reason-in-plain-object',
    check: 'reject.decode.refuses.reason-outside-enum',
    // every name Object.prototype holds (`prototype` and `length` it does not): `name in REASONS` holds for each
    kinds: PROTOTYPE_PROPERTY_NAMES.filter((n) => n in {}).map((n) => `reason-outside-enum:builtin-${n.replace(/_/g, '').toLowerCase()}`),
  },
  {
    fixture: 'decode-strips-trailing-junk',
    check: 'reject.decode.refuses.not-well-formed',
    kinds: NWF('text-after-root', 'after-root:entity-ref'),
  },
  {
    fixture: 'decode-lowercases-attribute-names',
    check: 'reject.decode.refuses.missing-attribute',
    kinds: ['from', 'to', 'id', 'call-id', 'call-creator'].map((a) => `missing-attribute:${a}:upper-case-name`),
  },
  {
    fixture: 'decode-accepts-agent-leading-zero',
    check: 'reject.decode.refuses.malformed-jid',
    kinds: JIDS(DECODE_JIDS, 'agent-leading-zero'),
  },
  {
    fixture: 'decode-reads-device-with-parseint',
    check: 'reject.decode.refuses.malformed-jid',
    kinds: [
      ...['device-trailing-junk', 'device-hex', 'device-exponent', 'device-plus-sign'].flatMap((k) => JIDS(DECODE_JIDS, k)),
      ...DECODE_JID_KINDS(PARSEINT_DEVICE),
    ],
  },
  { fixture: 'decode-finds-call-anywhere', check: 'reject.decode.refuses.wrong-root', kinds: ['wrong-root:inside-iq'] },
  {
    fixture: 'decode-jid-regex-dollar-takes-newline',
    check: 'reject.decode.refuses.malformed-jid',
    kinds: JIDS(DECODE_JIDS, 'trailing-newline'),
  },
  // Calls in a row: each fault is met by a short sequence tried first, and by a random one that holds its pattern.
  {
    fixture: 'decode-caches-by-call-id',
    check: 'reject.sequence.decode',
    kinds: ['sequence:same-call-id-twice'],
    holds: (c) => {
      const ids = decodedCallIds(c);
      return ids.some((id, i) => ids.indexOf(id) < i);
    },
  },
  {
    fixture: 'decode-keeps-state-after-refusal',
    check: 'reject.sequence.decode',
    kinds: ['sequence:refused-then-valid'],
    holds: (c) => {
      const steps = shownSteps(c);
      const refused = steps.findIndex((s) => typeof s.expect === 'string' && s.expect.startsWith('a refusal'));
      return refused >= 0 && steps.slice(refused + 1).some((s) => typeof s.expect === 'object' && !('reason' in s.expect));
    },
  },
  {
    fixture: 'encode-caches-by-call-id',
    check: 'reject.sequence.encode',
    kinds: ['sequence:same-call-id-twice'],
    holds: (c) => {
      const ids = shownSteps(c)
        .filter((s) => s.call === 'encode' && s.expect === 'its stanza')
        .map((s) => (s as unknown as { message: { callId: string } }).message.callId);
      return ids.some((id, i) => ids.indexOf(id) < i);
    },
  },
  {
    fixture: 'decode-returns-last-encoded-message',
    check: 'reject.sequence.mixed',
    kinds: ['sequence:encode-decode-interleaved'],
    // a random sequence meets it when a decode follows an encode of the same call-id
    holds: (c) => {
      const steps = shownSteps(c) as { call: string; message?: { callId?: string }; expect: unknown }[];
      return steps.some(
        (e, i) =>
          e.call === 'encode' &&
          steps
            .slice(i + 1)
            .some(
              (d) => d.call === 'decode' && typeof d.expect === 'object' && (d.expect as { callId?: string }).callId === e.message?.callId,
            ),
      );
    },
  },
  // issue 17: a lenient construct the fixed not-well-formed list never held, caught by the grammar-derived kinds
  {
    fixture: 'decode-strips-comments-with-regex',
    check: 'reject.decode.refuses.not-well-formed',
    kinds: NWF('comment:double-hyphen-inside', 'comment:hyphen-before-close', 'comment:inside-start-tag'),
  },
  {
    fixture: 'decode-checks-jid-with-unicode-s',
    check: 'reject.decode.refuses.malformed-jid',
    kinds: DECODE_JID_KINDS(NEGATED_S_SERVER),
  },
  {
    fixture: 'decode-checks-server-with-lookup',
    check: 'reject.decode.refuses.malformed-jid',
    kinds: DECODE_JID_KINDS((k) => k.startsWith('server:builtin:')),
  },
  {
    fixture: 'decode-parses-literal-attribute-values',
    check: 'reject.decode.plain',
    kinds: ['true', 'false', 'null'].map((v) => `text:coerced:${v}`),
  },
];

describe('one fault in one kind is caught at --runs 1, whatever the seed', () => {
  it('runs every one-kind fixture of the fault table, on a check the table says it fails', () => {
    const here = new Set([...KIND_CASES.map((c) => c.fixture), REALISTIC]);
    expect(KIND_FAULTS.map((c) => c.fixture).filter((f) => !here.has(f))).toEqual([]);
    for (const c of KIND_CASES) {
      const row = KIND_FAULTS.find((r) => r.fixture === c.fixture)!;
      expect([...row.catches, ...(row.alsoFails ?? [])], c.fixture).toContain(c.check);
    }
  });

  for (const c of KIND_CASES) {
    it(`${c.fixture}: ${c.check} fails on ${c.kinds.join(', ')}`, async () => {
      for (const seed of SEEDS) {
        const where = `${c.fixture} --check ${c.check} --runs 1 --seed ${seed}`;
        const r = await runOne(c.fixture, c.check, { runs: 1, seed });
        const failed = failedKinds(r);
        // every kind was tried, once, before the one random case
        expect(r.coverage, where).toMatchObject({ tried: r.coverage!.kinds });
        // a rendering variant is drawn on messages whose refusal always counts, so a throw is never taken for the subset reading
        const expected = c.kinds;
        if (expected.length > 0) expect(r.status, where).toBe('failed');
        expect(failed, where).toEqual(expect.arrayContaining(expected));
        for (const k of expected)
          expect(
            r.failures!.some((f) => f.kind === k || f.seenIn?.includes(k)) || r.failures!.length === MAX_FAILURES_SHOWN,
            `${where}: ${k} reported`,
          ).toBe(true);
        if (!c.holds) {
          expect(
            failed.filter((k) => !c.kinds.includes(k)),
            `${where}: only the fault's kinds fail`,
          ).toEqual([]);
        } else {
          for (const f of r.failures ?? []) {
            if (!c.kinds.includes(f.kind!))
              expect(
                c.holds(f.counterexample),
                `${where}: ${f.kind} failed on a case without the fault: ${JSON.stringify(f.counterexample)}`,
              ).toBe(true);
          }
        }
      }
    });
  }
});

describe('a fault every case meets is caught at --runs 1, whatever the seed', () => {
  // issue 17's incident: a <tctoken> (or text, or bytes) inside the <reject> a codec sends
  const EVERY_CASE = [
    ['encode-adds-tctoken-inside-reject', 'reject.encode.reject-content'],
    ['node-encode-adds-tctoken-inside-reject', 'reject.encode.reject-content'],
    ['encode-writes-text-inside-reject', 'reject.encode.reject-content'],
    ['node-encode-writes-bytes-inside-reject', 'reject.encode.reject-content'],
    ['reply-adds-tctoken-inside-reject', 'reject.reply.reject-content'],
    ['node-reply-adds-tctoken-inside-reject', 'reject.reply.reject-content'],
  ] as const;
  for (const [fixture, check] of EVERY_CASE) {
    it(`${fixture}: ${check} fails on every kind`, async () => {
      for (const seed of SEEDS) {
        const r = await runOne(fixture, check, { runs: 1, seed });
        expect(r.status, `${fixture} --seed ${seed}`).toBe('failed');
        expect(r.coverage!.failed, `${fixture} --seed ${seed}`).toBe(r.coverage!.kinds);
        expect(r.failure!.message).toMatch(/^<reject> holds .*, expected nothing inside it$/);
      }
    });
  }
});

describe('two faults in one check are both reported, each replayable', () => {
  const TWO_FAULTS = [
    {
      fixture: 'decode-reads-two-separators-as-spaces',
      check: 'reject.decode.plain',
      kinds: ['text:char:line-separator', 'text:char:next-line'],
    },
    {
      fixture: 'decode-accepts-two-malformed-jid-kinds',
      check: 'reject.decode.refuses.malformed-jid',
      kinds: [...JIDS(DECODE_JIDS, 'plus-in-user'), ...JIDS(DECODE_JIDS, 'trailing-dot')],
    },
  ];
  for (const t of TWO_FAULTS) {
    it(`${t.fixture}: one default run of ${t.check} reports ${t.kinds.join(', ')}, and each replay finds its failure again`, async () => {
      const r = await runOne(t.fixture, t.check);
      expect(r.status).toBe('failed');
      expect(r.failures!.map((f) => f.kind)).toEqual(expect.arrayContaining(t.kinds));
      expect(r.failure).toEqual(r.failures![0]);
      for (const f of r.failures!) {
        const replay = await runOne(t.fixture, t.check, { seed: f.seed, path: f.path, ...(f.replayKind ? { kind: f.replayKind } : {}) });
        expect(replay.status, f.reproduce).toBe('failed');
        expect(replay.runs, f.reproduce).toBe(1);
        expect(replay.failure!.kind, f.reproduce).toBe(f.kind);
        expect(replay.failure!.counterexample, f.reproduce).toEqual(f.counterexample);
        expect(replay.failure!.message, f.reproduce).toBe(f.message);
        expect(replay.failure!.path, f.reproduce).toBe(f.path);
      }
    });
  }
});

describe('realistic traffic is a kind of its own', () => {
  const PHONE = /^[0-9]+(?::[0-9]+)?@s\.whatsapp\.net$/;
  const fastPath = (m: CallReject) => [m.from, m.to, m.callCreator].every((j) => PHONE.test(j)) && /^[0-9A-Fa-f]{32}$/.test(m.callId);

  it(`${REALISTIC} is caught through realistic:phone at the default seed and runs, and at other seeds`, async () => {
    for (const seed of [undefined, 0, 1, 7, 42, 2 ** 31 - 1]) {
      for (const check of ['reject.encode.from', 'reject.encode.to']) {
        const where = `${check} --seed ${seed ?? 'default'}`;
        const r = await runOne(REALISTIC, check, seed === undefined ? {} : { seed });
        expect(r.status, where).toBe('failed');
        expect(failedKinds(r), where).toContain('realistic:phone');
        expect(failedKinds(r), where).not.toContain('realistic:lid');
        // real traffic is weighted to be tried many times in every run, not once
        expect(r.kinds!.find((k) => k.name === 'realistic:phone')!.cases, where).toBeGreaterThanOrEqual(5);
        for (const f of r.failures!)
          expect(fastPath(f.counterexample as CallReject), `${where}: ${JSON.stringify(f.counterexample)}`).toBe(true);
      }
    }
  });
});

describe('a check failing on many kinds reports ten, each its own, and counts them all', () => {
  it('decode-skips-jid-validation fails on every malformed-JID kind (each shape in each JID attribute): ten failures, each with its own replay', async () => {
    const check = 'reject.decode.refuses.malformed-jid';
    const r = await runOne('decode-skips-jid-validation', check, { runs: 1 });
    const n = [0, 1, 2].reduce((sum, slot) => sum + malformedJidKindsFor(slot, 'stanza').length, 0);
    expect(r.coverage).toEqual({ kinds: n, tried: n, failed: n });
    expect(failedKinds(r)).toHaveLength(n);
    expect(r.failures).toHaveLength(MAX_FAILURES_SHOWN);
    // in the order the check lists its kinds
    expect(r.failures!.map((f) => f.kind)).toEqual(r.kinds!.slice(0, MAX_FAILURES_SHOWN).map((k) => k.name));
    for (const f of r.failures!) {
      expect(f.replayKind).toBe(f.kind);
      expect(f.reproduce).toContain(`--check ${check} --kind ${f.replayKind} --seed ${f.seed} --path ${f.path}`);
    }
    expect(new Set(r.failures!.map((f) => f.reproduce)).size).toBe(MAX_FAILURES_SHOWN);
    for (const f of [r.failures![0]!, r.failures!.at(-1)!]) {
      const replay = await runOne('decode-skips-jid-validation', check, { seed: f.seed, path: f.path, kind: f.replayKind! });
      expect(replay.failure!.counterexample).toEqual(f.counterexample);
    }
  });

  // each further failing kind is bounded as the first is: a decode returning a 1,000,000-character
  // field must not make a 5 MB report from one check
  it('bounds what every failure keeps, not only the first', async () => {
    const ref = referenceXmlAdapter().reject as Required<Adapter<string>['reject']>;
    const huge = 'x'.repeat(1_000_000);
    const adapter: Adapter<string> = {
      name: 'decode-returns-huge-values',
      reject: { ...ref, decode: () => ({ ...PAGE_EXAMPLE.message, callId: huge }) },
    };
    const r = await run({
      adapter: { adapter, specifier: './decode-returns-huge-values.ts' },
      checks: ['reject.decode.refuses.wrong-root'],
      runs: 1,
      isolation: false,
    });
    const c = r.checks[0]!;
    expect(c.failures!.length).toBeGreaterThan(1);
    expect(c.failures![0]).toEqual(c.failure);
    for (const f of c.failures!) expect(JSON.stringify(f.received).length, f.kind).toBeLessThan(huge.length);
  });
});

describe('readings a correct codec may take are never failed', () => {
  it('reply may route to the caller without its device but with its agent (B.0:7@… → B.0@…), or the reverse', async () => {
    const ref = referenceXmlAdapter().reject as Required<Adapter<string>['reject']>;
    for (const [name, strip] of [
      ['drops-device', /:\d+@/],
      ['drops-agent', /\.\d+(?=[:@])/],
    ] as const) {
      const adapter: Adapter<string> = {
        name: `reply-to-${name}`,
        reject: { ...ref, reply: (o, p) => ref.reply({ ...o, from: o.from.replace(strip, (m) => (m.endsWith('@') ? '@' : '')) }, p) },
      };
      const r = await run({ adapter: { adapter, specifier: `./${adapter.name}.ts` }, checks: ['reject.reply.to'], isolation: false });
      expect(r.checks[0]!.status, `${name}: ${r.checks[0]!.failure?.message}`).toBe('passed');
    }
  });
});

/**
 * The differential mode (runDiff): the same inputs through several codecs,
 * every disagreement reported with each codec's answer, and silence where
 * correct codecs only make the choices a codec may make.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdapter, locateAdapter } from '../../adapters/loader.js';
import { ConformanceError } from '../../adapters/errors.js';
import { runDiff, type DiffResult } from '../../runner/index.js';
import { bareJid, describeValue, type CallReject } from '../../spec/index.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const BARE_TO = join(FIXTURES, 'diff', 'bare-to.ts');
const at = (...p: string[]) => locateAdapter(join(FIXTURES, ...p));

/** Each distinct disagreement as operation, the aspects that differ, and the checks whose readings it lies in. */
const shapes = (r: DiffResult) => r.disagreements.map((d) => [d.operation, d.aspects, (d.accepted ?? []).map((a) => a.check)]);
const comparedOps = (r: DiffResult) => r.compared.map((c) => c.operation);

describe('--diff on two codecs that differ in one place', () => {
  it('reports exactly that difference: reply routes <call to> to the bare caller, where reject.reply.to accepts both readings', async () => {
    const r = await runDiff({ adapters: [locateAdapter('reference'), locateAdapter(BARE_TO)], runs: 30 });
    expect(r.adapters.map((a) => [a.label, a.isolation])).toEqual([
      ['reference', 'worker'],
      ['bare-to', 'worker'],
    ]);
    expect(comparedOps(r)).toEqual(['encode', 'roundtrip', 'decode', 'reply']);
    expect(r.compared.every((c) => c.cases > 0)).toBe(true);
    expect(r.skipped).toEqual([]);
    expect(shapes(r)).toEqual([['reply', ['<call to>'], ['reject.reply.to']]]);
    expect(r.total).toBe(1);
    const [d] = r.disagreements;
    const offer = (d!.input as { offer: { from: string } }).offer;
    expect(d!.answers.map((a) => [a.adapter, a.outcome, a.meaning?.['<call to>']])).toEqual([
      ['reference', 'returned', describeValue(offer.from)],
      ['bare-to', 'returned', describeValue(bareJid(offer.from))],
    ]);
    expect(d!.difference).toBe(
      `<call to>: reference gives ${describeValue(offer.from)}, bare-to gives ${describeValue(bareJid(offer.from))}`,
    );
    expect(typeof d!.answers[0]!.value).toBe('string');
    // every reply case whose caller carries an agent or a device disagrees; the group counts them all
    const reply = r.compared.find((c) => c.operation === 'reply')!;
    expect(d!.cases).toBe(reply.disagreeing);
    expect(reply).toMatchObject({ distinct: 1 });
    expect(d!.cases).toBeGreaterThan(reply.cases / 2);
    expect(d!.kindsSeen).toBeGreaterThan(d!.seenIn.length - 1);
    expect(d!.seenIn[0]).toBe(d!.kind);
  });

  it('is reproducible by seed: the same seed gives the same disagreements, in worker threads (calls side by side) or in this process (one at a time)', async () => {
    const once = (isolation: boolean) =>
      runDiff({ adapters: [locateAdapter('reference'), locateAdapter(BARE_TO)], runs: 10, seed: 977, isolation });
    const [a, b] = [await once(true), await once(false)];
    expect(a.adapters.map((x) => x.isolation)).toEqual(['worker', 'worker']);
    expect(b.adapters.map((x) => x.isolation)).toEqual(['in-process', 'in-process']);
    expect(a.disagreements).toEqual(b.disagreements);
    expect(a.compared).toEqual(b.compared);
    expect(a.disagreements[0]!.seenIn.length).toBeGreaterThan(1);
  });
});

describe('no false alarms', () => {
  it.each([20260, 977, 1, -5])(
    'reference against itself: no disagreement at seed %i (a generated reply id is compared only as fresh)',
    async (seed) => {
      const r = await runDiff({
        adapters: [await loadAdapter('reference'), await loadAdapter('reference')],
        runs: 50,
        seed,
        isolation: false,
      });
      expect(shapes(r)).toEqual([]);
      expect(comparedOps(r)).toEqual(['encode', 'roundtrip', 'decode', 'reply']);
      expect(r.adapters.map((a) => a.label)).toEqual(['reference #1', 'reference #2']);
    },
  );

  it.each([20260, 977])('an XML codec against a node codec (reference, reference-node): no disagreement at seed %i', async (seed) => {
    const r = await runDiff({
      adapters: [await loadAdapter('reference'), await loadAdapter('reference-node')],
      runs: 50,
      seed,
      isolation: false,
    });
    expect(shapes(r)).toEqual([]);
    expect(r.compared.find((c) => c.operation === 'decode')!.what).toMatch(/written plainly in its codec's own wire \(xml and node\)/);
    expect(r.compared.find((c) => c.operation === 'encode')!.what).toMatch(/compared by meaning across wires/);
  });

  // Written independently, each differs from the reference in every way XML or a node allows (declaration, quotes,
  // references, attribute order, open/close tags, getters) and takes another reading of reply's <call to>: only the
  // count="0" they add and that reading are differences.
  it.each([
    ['reference', join('independent', 'hand-written-xml.ts')],
    ['reference-node', join('independent', 'class-based-node.ts')],
  ])('%s against %s: only the unknown count="0" it writes and its reading of <call to>', async (builtin, file) => {
    for (const seed of [20260, 977]) {
      const r = await runDiff({
        adapters: [await loadAdapter(builtin), await loadAdapter(join(FIXTURES, file))],
        runs: 50,
        seed,
        isolation: false,
      });
      expect(new Set(shapes(r).map((s) => JSON.stringify(s)))).toEqual(
        new Set(
          [
            ['encode', ['unknown attributes'], []],
            ['reply', ['unknown attributes'], []],
            ['reply', ['<call to>', 'unknown attributes'], ['reject.reply.to']],
          ].map((s) => JSON.stringify(s)),
        ),
      );
      for (const d of r.disagreements.filter((x) => x.aspects.includes('unknown attributes'))) {
        expect(d.answers.map((a) => a.meaning?.['unknown attributes'])).toEqual(['none', '<reject count>="0"']);
      }
    }
  });
});

describe('a codec that fails a check', () => {
  it('differs field by field where it is wrong: decode trims the call-id', async () => {
    const r = await runDiff({
      adapters: [await loadAdapter('reference'), await loadAdapter(join(FIXTURES, 'faults', 'decode-trims-call-id.ts'))],
      runs: 30,
      isolation: false,
    });
    expect(shapes(r)).toEqual([
      ['roundtrip', ['callId (<reject call-id>)'], []],
      ['decode', ['callId (<reject call-id>)'], []],
    ]);
    const decode = r.disagreements[1]!;
    const callId = (decode.input as { means: { callId: string } }).means.callId;
    expect(callId).not.toBe(callId.trim());
    expect(decode.answers.map((a) => a.meaning?.['callId (<reject call-id>)'])).toEqual([
      describeValue(callId),
      describeValue(callId.trim()),
    ]);
    expect(decode.difference).toBe(
      `callId (<reject call-id>): reference gives ${describeValue(callId)}, decode-trims-call-id gives ${describeValue(callId.trim())}`,
    );
  });

  it('encodes what is not the message: the encoded attribute differs, read back by the oracle', async () => {
    const r = await runDiff({
      adapters: [await loadAdapter('reference'), await loadAdapter(join(FIXTURES, 'faults', 'encode-trims-call-id.ts'))],
      runs: 30,
      isolation: false,
    });
    expect(shapes(r)).toEqual([
      ['encode', ['<reject call-id>'], []],
      ['roundtrip', ['callId (<reject call-id>)'], []],
    ]);
  });
});

describe('a reply id the codec makes', () => {
  it("is compared as fresh or not: a codec that reuses the offer's id differs from one that makes a fresh one", async () => {
    const r = await runDiff({
      adapters: [await loadAdapter('reference'), await loadAdapter(join(FIXTURES, 'faults', 'reply-reuses-offer-id.ts'))],
      runs: 30,
      isolation: false,
    });
    expect(shapes(r)).toEqual([['reply', ['<call id>'], []]]);
    const [d] = r.disagreements;
    const { offer, options } = d!.input as { offer: { id: string }; options: { id?: string } };
    expect(options.id).toBeUndefined();
    expect(d!.difference).toBe(
      `<call id>: reference gives a fresh non-empty id (its value is not compared), reply-reuses-offer-id gives ${describeValue(offer.id)}`,
    );
  });
});

describe('disagreements are bounded', () => {
  it(`at most 10 are shown per operation, every one counted`, async () => {
    const ref = await loadAdapter('reference');
    const encode = ref.adapter.reject.encode as (m: CallReject) => string;
    // drops the attributes whose bit is set in the call-id's length: up to 31 distinct disagreements
    const names = ['from', 'to', 'id', 'call-id', 'call-creator'];
    const drops = {
      ...ref,
      specifier: 'drops',
      adapter: {
        name: 'drops',
        reject: {
          encode: (m: CallReject) =>
            names.filter((_, i) => (m.callId.length >> i) & 1).reduce((xml, n) => xml.replace(new RegExp(` ${n}="[^"]*"`), ''), encode(m)),
        },
      },
    };
    const r = await runDiff({ adapters: [ref, drops], runs: 300, isolation: false });
    const compared = r.compared.find((c) => c.operation === 'encode')!;
    expect(compared.distinct).toBeGreaterThan(10);
    expect(r.total).toBe(compared.distinct);
    expect(r.disagreements).toHaveLength(10);
    const counts = r.disagreements.map((d) => d.cases);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});

describe('a codec whose output is not a stanza at all', () => {
  it('differs in its problems, not in attributes it does not have: encode writes a raw &', async () => {
    const r = await runDiff({
      adapters: [await loadAdapter('reference'), await loadAdapter(join(FIXTURES, 'faults', 'encode-writes-raw-ampersand.ts'))],
      runs: 30,
      isolation: false,
    });
    const encode = r.disagreements.filter((d) => d.operation === 'encode');
    const broken = encode.find((d) => d.aspects.includes('problems'))!;
    expect(broken.aspects).toEqual(['problems']);
    expect(broken.difference).toBe('problems: reference gives none, encode-writes-raw-ampersand gives not-well-formed');
    expect(Object.keys(broken.answers[1]!.meaning!)).toEqual(['problems']);
    // where the & it left raw begins a reference, the text reads as another value: that attribute differs
    expect(encode.filter((d) => d !== broken).map((d) => d.aspects)).toEqual([['<call id>', '<reject call-id>']]);
    // decode refusing its own encoding is not the subset reading, whatever the reason
    const roundtrip = r.disagreements.filter((d) => d.operation === 'roundtrip' && d.aspects.includes('outcome'));
    expect(roundtrip.map((d) => [d.difference, d.accepted])).toEqual([
      ['outcome: reference returns, encode-writes-raw-ampersand throws in decode', undefined],
    ]);
  });
});

describe('what agrees', () => {
  it('a codec in another language, as a subprocess (examples/python): no disagreement with the reference', async () => {
    const r = await runDiff({
      adapters: [
        locateAdapter('reference'),
        locateAdapter('exec:python3 examples/python/codec.py', { cwd: join(import.meta.dirname, '..', '..') }),
      ],
      runs: 20,
    });
    expect(r.adapters.map((a) => a.isolation)).toEqual(['worker', 'subprocess']);
    expect(comparedOps(r)).toEqual(['encode', 'roundtrip', 'decode', 'reply']);
    expect(shapes(r)).toEqual([]);
  });

  it('two codecs that refuse the same inputs agree, whatever they throw (an Error, a string)', async () => {
    const knowsTwo = await loadAdapter(join(FIXTURES, 'faults', 'codec-knows-only-declined-and-busy.ts'));
    const strings = Object.fromEntries(
      Object.entries(knowsTwo.adapter.reject).map(([op, f]) => [
        op,
        async (...a: unknown[]) => {
          try {
            return await (f as (...x: unknown[]) => unknown)(...a);
          } catch (e) {
            throw `refused: ${(e as Error).message}`;
          }
        },
      ]),
    );
    const throwsStrings = {
      ...knowsTwo,
      specifier: 'throws-strings',
      adapter: { ...knowsTwo.adapter, name: 'throws-strings', reject: strings },
    };
    const r = await runDiff({ adapters: [knowsTwo, throwsStrings], runs: 30, isolation: false });
    expect(shapes(r)).toEqual([]);
    // and they did refuse: against the reference, each throws where it returns
    const vsReference = await runDiff({ adapters: [await loadAdapter('reference'), throwsStrings], runs: 30, isolation: false });
    expect(vsReference.disagreements[0]!.answers[1]).toMatchObject({
      outcome: 'threw',
      error: expect.stringMatching(/^"refused: .*" \(not an Error\)$/),
    });
  });
});

describe('readings the suite accepts are disagreements, tagged as such', () => {
  it('a codec that refuses reasons beyond declined and busy: every operation, each where its check accepts the subset reading', async () => {
    const r = await runDiff({
      adapters: [await loadAdapter('reference'), await loadAdapter(join(FIXTURES, 'faults', 'codec-knows-only-declined-and-busy.ts'))],
      runs: 30,
      isolation: false,
    });
    expect(shapes(r)).toEqual([
      ['encode', ['outcome'], ['reject.encode.reason']],
      ['roundtrip', ['outcome'], ['reject.roundtrip']],
      ['decode', ['outcome'], ['reject.decode.plain']],
      ['reply', ['outcome'], ['reject.reply.reason']],
    ]);
    for (const d of r.disagreements) {
      expect(d.answers.map((a) => a.outcome)).toEqual(['returned', 'threw']);
      expect(d.answers[1]!.error).toMatch(/this codec knows only declined and busy/);
      expect(d.accepted![0]!.readings).toMatch(/declined or busy/);
    }
    expect(r.disagreements[1]!.difference).toBe('outcome: reference returns, codec-knows-only-declined-and-busy throws in encode');
  });
});

describe('a codec that hangs, crashes or returns what cannot be read', () => {
  it('hangs or crashes: a disagreement of that kind, and the tool goes on', async () => {
    const r = await runDiff({ adapters: [locateAdapter('reference'), at('diff', 'misbehaves-on-page-example.mjs')], runs: 5 });
    expect(shapes(r)).toEqual([
      ['encode', ['outcome'], []],
      ['roundtrip', ['outcome'], []],
      ['decode', ['outcome'], []],
    ]);
    const [encode, roundtrip, decode] = r.disagreements;
    expect(encode!.answers.map((a) => a.outcome)).toEqual(['returned', 'timeout']);
    expect(encode!.difference).toBe('outcome: reference returns, misbehaves-on-page-example hangs');
    expect(encode!.answers[1]!.error).toMatch(/^did not return: did not return within \d+ ms/);
    // the corpus's copy of the page example is tried first, as a kind named by its file
    expect(encode!.kind).toMatch(/^(stanza-conformance\/corpus\/valid\/page-example\.(json|xml)|page-example)$/);
    // the same message's encode is not called again for the roundtrip: its hang is answered from memory
    expect(roundtrip!.difference).toBe('outcome: reference returns, misbehaves-on-page-example hangs in encode');
    expect(decode!.answers.map((a) => a.outcome)).toEqual(['returned', 'crashed']);
    expect(decode!.answers[1]!.error).toMatch(/ended its thread \(exit code 3\)/);
    expect(r.restarts.length).toBeGreaterThan(0);
    expect(r.restarts.every((x) => x.adapter === 'misbehaves-on-page-example' && x.during.startsWith('diff.'))).toBe(true);
    expect(r.compared.every((c) => c.notCompared === undefined)).toBe(true);
  });

  it('a codec whose operation keeps crashing is given up on, as a conformance run does: the cases left are counted', async () => {
    const r = await runDiff({
      adapters: [await loadAdapter('reference'), await loadAdapter(join(FIXTURES, 'misbehaving', 'reply-exits.mjs'))],
      runs: 20,
      isolation: false,
    });
    expect(shapes(r)).toEqual([['reply', ['outcome'], []]]);
    const [d] = r.disagreements;
    expect(d!.answers.map((a) => a.outcome)).toEqual(['returned', 'crashed']);
    expect(d!.answers[1]!.error).toBe('called process.exit(3)');
    expect((d!.input as { options: { reason?: string } }).options.reason).toBe('busy');
    expect(d!.cases).toBe(6);
    const reply = r.compared.find((c) => c.operation === 'reply')!;
    expect(reply.notCompared).toMatchObject({ reason: "reply-exits's reply was given up on after 6 calls that hung or crashed" });
    expect(reply.notCompared!.cases).toBeGreaterThan(0);
  });

  it('returns a value that cannot be read: a disagreement of that kind', async () => {
    const r = await runDiff({ adapters: [locateAdapter('reference'), at('hostile', 'getter-throws.ts')], runs: 5 });
    expect(shapes(r)).toEqual([
      ['roundtrip', ['outcome'], []],
      ['decode', ['outcome'], []],
    ]);
    expect(r.disagreements[0]!.answers.map((a) => a.outcome)).toEqual(['returned', 'unreadable']);
    expect(r.disagreements[0]!.answers[1]!.error).toMatch(/threw/);
  });
});

describe('what is compared', () => {
  it('only the operations every codec has, saying which were left out and why', async () => {
    const ref = await loadAdapter('reference');
    const decoder = {
      ...ref,
      specifier: 'decoder-only',
      adapter: { name: 'decoder-only', reject: { decode: ref.adapter.reject.decode! } },
    };
    const r = await runDiff({ adapters: [ref, decoder], runs: 5, isolation: false });
    expect(comparedOps(r)).toEqual(['decode']);
    expect(r.skipped).toEqual([
      { operation: 'encode', reason: 'decoder-only has no reject.encode' },
      { operation: 'roundtrip', reason: 'decoder-only has no reject.encode' },
      { operation: 'reply', reason: 'decoder-only has no reject.reply' },
    ]);
    expect(r.total).toBe(0);
  });

  it('needs two adapters or more', async () => {
    const e = await runDiff({ adapters: [locateAdapter('reference')] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConformanceError);
    expect((e as ConformanceError).code).toBe('bad_option');
    expect((e as Error).message).toMatch(/expected two or more adapters/);
  });
});

describe('the corpus in the differential mode', () => {
  it("compares the corpus's files first, each named by its path: a reply case of one's own corpus shows where two codecs differ", async () => {
    const { mkdirSync, mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'diff-corpus-'));
    mkdirSync(join(dir, 'reply'));
    const offer = {
      from: '15557654321:4@s.whatsapp.net',
      to: '15551234567@s.whatsapp.net',
      id: 'OFFER-1',
      callId: 'C1',
      callCreator: '15557654321:4@s.whatsapp.net',
    };
    writeFileSync(
      join(dir, 'reply', 'caller-with-device.json'),
      JSON.stringify({ offer, options: { from: '15551234567:2@s.whatsapp.net', id: 'R1' } }),
    );
    const r = await runDiff({
      adapters: [locateAdapter('reference'), at('diff', 'bare-to.ts')],
      runs: 1,
      corpus: [{ dir, label: 'mine' }],
      shippedCorpus: false,
    });
    const reply = r.disagreements.find((d) => d.operation === 'reply')!;
    expect(reply.seenIn).toContain('mine/reply/caller-with-device.json');
    expect(r.disagreements.flatMap((d) => d.seenIn).filter((k) => k.startsWith('mine/'))).toEqual(['mine/reply/caller-with-device.json']);
  });
});

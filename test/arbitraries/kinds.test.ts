/**
 * Every check's input space, kind by kind, on both wires and under an
 * extended reason list: named once each, never empty, and every kind draws
 * values (a kind whose values the list makes valid is left out; one whose
 * filter could never pass would hang here, past the test's timeout).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../../adapters/contract.js';
import { shellQuote } from '../../runner/index.js';
import { kindsOf } from '../../runner/kinds.js';
import { loadCorpus, SHIPPED_CORPUS } from '../../runner/corpus.js';
import { reasonList, type ReasonList } from '../../spec/index.js';
import { REJECT_SUITE, type CodecCaller } from '../../suites/index.js';

const NO_CODEC: CodecCaller = {
  call: () => Promise.reject(new Error('kinds never call the codec')),
  callWatching: () => Promise.reject(new Error('kinds never call the codec')),
};

const SHIPPED = reasonList();
const LISTS: Record<string, ReasonList> = {
  'the shipped reason list': SHIPPED,
  '--extra-reason blocked': reasonList(['blocked']),
  // every upper-case near miss of the shipped values becomes a value
  '--extra-reason DECLINED, BUSY, … (every value in upper case)': reasonList(SHIPPED.values.map((v) => v.toUpperCase())),
};
const WIRES: Wire[] = ['xml', 'node'];

const kindNames = (id: string, wire: Wire, reasons: ReasonList) =>
  kindsOf(
    REJECT_SUITE.find((c) => c.id === id)!,
    { wire, reasons, codec: NO_CODEC },
  ).map((k) => k.name);

describe.each(WIRES)('every kind of every check on the %s wire', (wire) => {
  for (const [list, reasons] of Object.entries(LISTS)) {
    const checks = REJECT_SUITE.filter((c) => c.wires.includes(wire));
    it(`under ${list}: each check's kinds are named once each, shell-safe, and each draws values`, () => {
      for (const check of checks) {
        // the corpus checks' kinds are the shipped corpus's files
        const kinds = kindsOf(check, { wire, reasons, codec: NO_CODEC, corpus: loadCorpus([SHIPPED_CORPUS], reasons) });
        const names = kinds.map((k) => k.name);
        expect(names.length, check.id).toBeGreaterThan(0);
        expect(new Set(names).size, `${check.id}: a kind named twice`).toBe(names.length);
        for (const name of names) {
          expect(name, check.id).toMatch(/^\S+$/);
          // a reproduce command carries it as it is
          expect(shellQuote(name), `${check.id}: kind ${name}`).toBe(name);
        }
        for (const k of kinds) {
          for (const seed of [0, 20260])
            expect(fc.sample(k.arbitrary, { seed, numRuns: 3 }), `${check.id}: kind ${k.name}`).toHaveLength(3);
        }
      }
    });
  }
});

describe('a kind the reason list makes valid is left out', () => {
  for (const wire of WIRES) {
    for (const id of ['reject.encode.refuses.reason-outside-enum', 'reject.decode.refuses.reason-outside-enum']) {
      it(`${id} (${wire}): reason-outside-enum:blocked goes with --extra-reason blocked, upper-case with every value in upper case`, () => {
        const shipped = kindNames(id, wire, SHIPPED);
        expect(shipped).toEqual(expect.arrayContaining(['reason-outside-enum:blocked', 'reason-outside-enum:upper-case']));
        const blocked = kindNames(id, wire, LISTS['--extra-reason blocked']!);
        expect(blocked).not.toContain('reason-outside-enum:blocked');
        expect(blocked).toContain('reason-outside-enum:upper-case');
        const upper = kindNames(id, wire, LISTS['--extra-reason DECLINED, BUSY, … (every value in upper case)']!);
        expect(upper).not.toContain('reason-outside-enum:upper-case');
        expect(upper).toEqual(expect.arrayContaining(['reason-outside-enum:capitalized', 'reason-outside-enum:blocked']));
        // the random words never become valid, whatever the list
        for (const reasons of Object.values(LISTS)) expect(kindNames(id, wire, reasons)).toContain('reason-outside-enum:random-word');
      });
    }
  }

  it('the checks of the reasons beyond declined and busy gain a kind per extra value', () => {
    expect(kindNames('reject.encode.full-reason-list', 'xml', LISTS['--extra-reason blocked']!)).toContain('reason:blocked');
    expect(kindNames('reject.encode.full-reason-list', 'xml', SHIPPED)).not.toContain('reason:blocked');
  });

  // a reason value spelt like a kind of no reason gets a name of its own (value-absent)
  it('an extra reason spelt like a reason kind (absent) still names each kind once', () => {
    const reasons = reasonList(['absent']);
    for (const check of REJECT_SUITE.filter((c) => c.wires.includes('xml')))
      expect(() => kindsOf(check, { wire: 'xml', reasons, codec: NO_CODEC }), check.id).not.toThrow();
  });
});

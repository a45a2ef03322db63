/**
 * The runner's kind model, on checks made for the purpose: every kind is
 * tried before the random cases whatever the runs, a failing check reports
 * each distinct failure with a replay of its own, failures that shrink to
 * the same finding are one, and shrinking is bounded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../adapters/contract.js';
import { referenceXmlAdapter } from '../../adapters/reference/xml.js';
import { kind } from '../../arbitraries/kinds.js';
import { DrawnCases, MAX_FAILURES_SHOWN, run, type RunOptions } from '../../runner/index.js';
import { SHRINK_CASES } from '../../runner/run-check.js';
import { defineCheck, type Check, type Finding } from '../../suites/index.js';

const ref = referenceXmlAdapter();
const loaded = (adapter: Adapter<any>) => ({ specifier: `./${adapter.name}.ts`, adapter });

/** A check over `kinds` whose verdict `judge` gives, counting the cases it judges. */
function probe<T>(kinds: ReturnType<typeof kind<T>>[], judge: (input: T) => Finding | undefined) {
  const seen: { kind?: string; input: T }[] = [];
  const check: Check<T> = defineCheck({
    id: 'probe.check',
    level: 'must',
    title: 'probe',
    reference: { doc: 'docs/contract.md', section: 'test' },
    basis: 'contract',
    needs: ['encode'],
    wires: ['xml'],
    kinds: () => kinds,
    async verify(input) {
      seen.push({ input });
      return judge(input);
    },
  });
  const go = (options: Omit<RunOptions, 'adapter' | 'suite'> = {}) =>
    run({ adapter: loaded(ref), suite: [check], isolation: false, ...options });
  return { seen, go };
}

const fail = (message: string): Finding => ({ code: 'mismatch', message });

describe('kinds', () => {
  it('tries every kind once before the random cases, at --runs 1 and whatever the seed', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `k${i}`);
    const tagged = names.map((n) =>
      kind(
        n,
        fc.integer().map((v) => ({ n, v })),
      ),
    );
    for (const seed of [0, 1, 7, 20260, 2 ** 31 - 1, -5]) {
      const { seen, go } = probe(tagged, () => undefined);
      const r = await go({ runs: 1, seed });
      const order = seen.map((s) => (s.input as { n: string }).n);
      expect(order.slice(0, names.length), `seed ${seed}`).toEqual(names);
      expect(seen).toHaveLength(names.length + 1);
      expect(r.checks[0]!.coverage).toEqual({ kinds: 40, tried: 40, failed: 0 });
      expect(r.checks[0]!.kinds!.every((k) => k.cases >= 1)).toBe(true);
    }
  });

  it('reports each distinct failure with its own replay; failures that shrink to the same finding are one', async () => {
    const kinds = [
      kind('small', fc.integer({ min: 0, max: 10 })),
      kind('big', fc.integer({ min: 1000, max: 2000 })),
      kind('bigger', fc.integer({ min: 5000, max: 9000 })),
      kind('fine', fc.constant(-1)),
    ];
    // two faults: everything of 1000 and above fails with its own message for 1000-4999 and 5000+
    const judge = (v: number) => (v >= 5000 ? fail('at or above 5000') : v >= 1000 ? fail('at or above 1000') : undefined);
    const { go } = probe(kinds, judge);
    const r = await go({ runs: 50 });
    const c = r.checks[0]!;
    expect(c.status).toBe('failed');
    expect(c.failures!.map((f) => f.message).sort()).toEqual(['at or above 1000', 'at or above 5000']);
    expect(c.failures!.map((f) => f.kind).sort()).toEqual(['big', 'bigger']);
    expect(c.failure).toEqual(c.failures![0]);
    expect(c.coverage).toEqual({ kinds: 4, tried: 4, failed: 2 });
    // each shrunk to the smallest of its kind, and replays exactly
    for (const f of c.failures!) {
      expect(f.counterexample).toBe(f.kind === 'big' ? 1000 : 5000);
      const again = await probe(kinds, judge).go({ path: f.path, ...(f.replayKind ? { kind: f.replayKind } : {}) });
      expect(again.checks[0]!.failure!.counterexample).toBe(f.counterexample);
      expect(again.checks[0]!.failure!.message).toBe(f.message);
    }
  });

  it('merges kinds whose failures shrink to the same finding, naming every kind it was seen in', async () => {
    const kinds = ['a', 'b', 'c'].map((n) => kind(n, fc.integer({ min: 0, max: 100 })));
    const { go } = probe(kinds, () => fail('always'));
    const c = (await go({ runs: 10 })).checks[0]!;
    expect(c.failures).toHaveLength(1);
    expect(c.failures![0]!.seenIn).toEqual(['a', 'b', 'c']);
    expect(c.coverage!.failed).toBe(3);
  });

  it(`reports at most ${MAX_FAILURES_SHOWN} distinct failures and counts the rest`, async () => {
    const kinds = Array.from({ length: 25 }, (_, i) => kind(`k${i}`, fc.constant(i)));
    const { go } = probe(kinds, (v) => fail(`fails on ${v}`));
    const c = (await go({ runs: 5 })).checks[0]!;
    expect(c.failures).toHaveLength(MAX_FAILURES_SHOWN);
    expect(c.coverage!.failed).toBe(25);
    expect(new Set(c.failures!.map((f) => f.reproduce)).size).toBe(MAX_FAILURES_SHOWN);
    for (const f of c.failures!) expect(f.reproduce).toContain(`--kind ${f.replayKind}`);
  });

  it('bounds the cases spent shrinking failures after the first', async () => {
    // each kind fails on its own (no two merge) while every number is at least T: shrinking ten
    // numbers each down to exactly T (a binary search from 0 up) costs hundreds of cases per kind
    const T = 123_456_789;
    const big = fc.array(
      fc.integer({ min: 0, max: 1e9 }).filter((v) => v >= T),
      { minLength: 30, maxLength: 30 },
    );
    const kinds = Array.from({ length: 10 }, (_, i) =>
      kind(
        `k${i}`,
        big.map((a) => [i, ...a]),
      ),
    );
    const { seen, go } = probe(kinds, (a) => (a.slice(1).every((v) => v >= T) ? fail(`kind ${a[0]}`) : undefined));
    const c = (await go({ runs: 0 })).checks[0]!;
    expect(c.failures).toHaveLength(10);
    // the first failure is shrunk in full
    expect(c.failures![0]!.counterexample).toEqual([0, ...Array(30).fill(T)]);
    // the others within the budget: unbounded, ten kinds would cost ten times the first
    const msg = `${seen.length} cases, shrinks ${c.failures!.map((f) => f.shrinks)}`;
    expect(seen.length, msg).toBeLessThan(3 * SHRINK_CASES);
    expect(c.failures!.filter((f) => f.shrinks === 0).length, msg).toBeGreaterThan(3);
  });

  it("draws a check's cases once for runs given the same DrawnCases (per wire, reason list, seed and runs); what a codec does to its arguments never reaches the next run", async () => {
    let drawn = 0;
    const kinds = ['a', 'b', 'c'].map((n) =>
      kind(
        n,
        fc.integer().map((v) => (drawn++, { n, v, list: [v] })),
      ),
    );
    const seen: unknown[] = [];
    const check: Check<{ n: string; v: number; list: number[] }> = defineCheck({
      id: 'probe.draws',
      level: 'must',
      title: 'probe',
      reference: { doc: 'docs/contract.md', section: 'test' },
      basis: 'contract',
      needs: ['encode'],
      wires: ['xml'],
      kinds: () => kinds,
      async verify(input, ctx) {
        await ctx.codec.call('encode', input);
        seen.push(structuredClone(input));
        return undefined;
      },
    });
    // a codec that changes every message it is given, in place
    const mutator: Adapter<string> = {
      name: 'mutator',
      reject: {
        encode(m: any) {
          m.v = -1;
          m.list.push(99);
          m.n = 'changed';
          return '<call/>';
        },
      },
    };
    const drawnCases = new DrawnCases();
    const go = (adapter: Adapter<string>, seed: number, shared: DrawnCases | null = drawnCases) =>
      run({ adapter: loaded(adapter), suite: [check], isolation: false, runs: 20, seed, ...(shared ? { drawnCases: shared } : {}) });
    await go(mutator, 5);
    const first = seen.splice(0);
    const cost = drawn;
    expect(first).toHaveLength(23);
    await go(ref, 5);
    // the same cases, not drawn again, as they were before the codec had them
    expect(drawn).toBe(cost);
    expect(seen.splice(0)).toEqual(first);
    for (const c of first as { n: string; v: number; list: number[] }[]) expect(c.list).toEqual([c.v]);
    expect(first.map((c) => (c as { n: string }).n).filter((n) => !['a', 'b', 'c'].includes(n))).toEqual([]);
    // another seed draws its own
    await go(ref, 6);
    expect(drawn).toBeGreaterThan(cost);
    expect(seen.splice(0)).not.toEqual(first);
    // a run given none draws afresh (and keeps nothing for the next)
    const before = drawn;
    await go(ref, 5, null);
    expect(drawn).toBeGreaterThan(before);
    expect(seen.splice(0)).toEqual(first);
  });
});

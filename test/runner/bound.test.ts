/**
 * Bounding what a result keeps: every limit cuts with a visible marker, a
 * hostile value never makes it throw or recurse without bound, and what a
 * correct codec returns for the suite's inputs is never cut.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOUNDS, boundCheckResult, boundRunResult, boundText, boundValue } from '../../runner/bound.js';
import type { CheckResult, RunResult } from '../../runner/index.js';

const bound = (v: unknown) => boundValue(v, BOUNDS);

/** How deeply `v` nests, counted without recursion. */
function depthOf(v: unknown): number {
  let max = 0;
  const todo: [unknown, number][] = [[v, 0]];
  while (todo.length > 0) {
    const [x, d] = todo.pop()!;
    max = Math.max(max, d);
    if (typeof x === 'object' && x !== null) for (const y of Object.values(x)) todo.push([y, d + 1]);
  }
  return max;
}

function deep(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const throwing = () => {
  throw new Error('trap');
};
const hostileProxy = new Proxy(
  {},
  { ownKeys: throwing, get: throwing, getOwnPropertyDescriptor: throwing, getPrototypeOf: throwing, has: throwing },
);

describe('boundValue', () => {
  it('cuts a long string with a marker saying how much is left out, never inside a surrogate pair', () => {
    expect(boundText('F'.repeat(25_000_000), 100_000)).toMatch(/^F+…\[truncated: 24,900,03\d more chars\]$/);
    expect(boundText('F'.repeat(25_000_000), 100_000)).toHaveLength(100_000);
    const cut = boundText('😀'.repeat(100), 51);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(boundText('short', 10)).toBe('short');
    expect(boundText(boundText('F'.repeat(1_000_000), 1000), 100)).toMatch(/^F+…\[truncated: 999,9\d\d more chars\]$/);
  });

  it('keeps one string within BOUNDS.chars and all strings of a value within BOUNDS.valueChars', () => {
    expect((bound('x'.repeat(BOUNDS.chars * 3)) as string).length).toBeLessThanOrEqual(BOUNDS.chars);
    const many = bound(Array.from({ length: 50 }, () => 'y'.repeat(BOUNDS.chars))) as string[];
    expect(many.join('').length).toBeLessThanOrEqual(BOUNDS.valueChars + 50 * 40);
    expect(many.at(-1)).toMatch(/…\[truncated/);
  });

  it('cuts arrays, objects, Maps and Sets after BOUNDS.entries entries, with a marker', () => {
    const n = BOUNDS.entries + 7;
    const array = bound(Array.from({ length: n }, (_, i) => i)) as unknown[];
    expect(array).toHaveLength(BOUNDS.entries + 1);
    expect(array.at(-1)).toBe('…[truncated: 7 more entries]');
    const object = bound(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))) as Record<string, unknown>;
    expect(Object.keys(object)).toHaveLength(BOUNDS.entries + 1);
    expect(object['…']).toBe('…[truncated: 7 more keys]');
    expect((bound(new Map(Array.from({ length: n }, (_, i) => [i, i]))) as Map<unknown, unknown>).size).toBe(BOUNDS.entries + 1);
    expect([...(bound(new Set(Array.from({ length: n }, (_, i) => i))) as Set<unknown>)].at(-1)).toBe('…[truncated: 7 more entries]');
    expect(bound(new Array(2 ** 32 - 1))).toHaveLength(BOUNDS.entries + 1);
  });

  it('cuts nesting at BOUNDS.depth: a value 5,000 deep comes back shallow, and JSON can write it', () => {
    const out = bound(deep(5_000));
    expect(depthOf(out)).toBe(BOUNDS.depth);
    expect(JSON.stringify(out)).toContain(`…[truncated: nested more than ${BOUNDS.depth} levels deep]`);
    expect(depthOf(boundValue(deep(50), { ...BOUNDS, depth: 3 }))).toBe(3);
  });

  it('marks cycles, and stops a value whose shared parts would multiply past BOUNDS.parts', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(bound(a)).toEqual({ name: 'a', self: '[circular]' });
    let dag: unknown = 'leaf';
    for (let i = 0; i < 40; i++) dag = [dag, dag];
    const text = JSON.stringify(bound(dag));
    expect(text).toContain(`…[truncated: the value has more than ${BOUNDS.parts.toLocaleString('en-US')} parts]`);
    expect(text.length).toBeLessThan(1_000_000);
  });

  it('never throws on hostile values: throwing getters and Proxy traps, revoked Proxies, null prototypes, symbols, functions, BigInt, typed arrays', () => {
    const lazy = Object.defineProperty({ ok: 1 }, 'raw', { enumerable: true, get: throwing });
    expect(bound(lazy)).toEqual({ ok: 1, raw: '[getter threw: trap]' });
    expect(bound(hostileProxy)).toBe('[unreadable: trap]');
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(bound([proxy])).toEqual([expect.stringMatching(/^\[unreadable: /)]);
    const bare = Object.assign(Object.create(null), { a: 1 });
    expect(bound(bare)).toEqual({ a: 1 });
    expect(Object.getPrototypeOf(bound(JSON.parse('{"__proto__": {"polluted": true}}')))).toBe(Object.prototype);
    expect(bound(JSON.parse('{"__proto__": 1}'))).toHaveProperty('__proto__', 1);
    expect(typeof bound(Symbol('s'))).toBe('symbol');
    expect(bound(Object.assign(() => 1, { displayName: 'x' }))).toMatch(/^\[function /);
    expect(bound(10n ** 5000n)).toMatch(/^\[BigInt of 5,001 digits: 1000/);
    expect(bound(12n)).toBe(12n);
    expect(bound(new Uint16Array([1, 256]))).toEqual(new Uint8Array([1, 0, 0, 1]));
    expect(bound(new Uint8Array(BOUNDS.bytes + 5))).toEqual([new Uint8Array(BOUNDS.bytes), '…[truncated: 5 more bytes]']);
    const badError = Object.defineProperty(new Error('x'), 'message', { get: throwing });
    expect(bound(badError)).toBeInstanceOf(Error);
    expect(bound(new Date(0))).toEqual(new Date(0));
    expect(bound({ [`k${'e'.repeat(5_000)}`]: 1 })).toEqual({ [boundText(`k${'e'.repeat(5_000)}`, 1000)]: 1 });
  });

  it('reads Maps and Sets with the built-ins, so a codec that patched them cannot break the walk', () => {
    const entries = Map.prototype.entries;
    try {
      Map.prototype.entries = throwing as never;
      expect(bound(new Map([['k', 'v']]))).toEqual(new Map([['k', 'v']]));
    } finally {
      Map.prototype.entries = entries;
    }
  });

  it("never cuts a correct codec's values for the suite's largest inputs", () => {
    // The largest call-id the arbitraries make: 8 astral characters repeated 1,024 times, written as hex references.
    const callId = '\u{10FFFF}'.repeat(8 * 1024);
    const xml = `<call from="A@s.whatsapp.net" to="B@s.whatsapp.net" id="1"><reject call-id="${'&#x10FFFF;'.repeat(8 * 1024)}" call-creator="A@s.whatsapp.net"/></call>`;
    const counterexample = {
      message: { from: 'A@s.whatsapp.net', to: 'B@s.whatsapp.net', id: '1', callId, callCreator: 'A@s.whatsapp.net' },
      xml,
    };
    expect(bound(counterexample)).toEqual(counterexample);
    expect(bound('F'.repeat(4096))).toBe('F'.repeat(4096));
  });

  it('is what the README says', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    const n = (x: number) => x.toLocaleString('en-US');
    for (const said of [
      `one string keeps at most ${n(BOUNDS.chars)} characters`,
      `of one value together ${n(BOUNDS.valueChars)}`,
      `keeps its first ${BOUNDS.entries} entries`,
      `nesting stops after ${BOUNDS.depth} levels`,
      `a typed array keeps ${n(BOUNDS.bytes)} bytes`,
      `the stderr tail keep ${n(BOUNDS.textChars)} characters`,
      `name and version ${n(BOUNDS.labelChars)}`,
    ])
      expect(readme).toContain(said);
  });
});

const check = (failure: Partial<CheckResult['failure']> & object): CheckResult => ({
  id: 'reject.decode.plain',
  level: 'must',
  title: 't',
  reference: { doc: 'docs/contract.md', section: 'r' },
  basis: 'page',
  status: 'failed',
  runs: 1,
  durationMs: 0,
  gating: true,
  failure: {
    code: 'mismatch',
    message: 'm',
    counterexample: null,
    seed: 1,
    path: '0',
    shrinks: 0,
    reproduce: 'npx conformance',
    ...failure,
  },
});

describe('boundCheckResult and boundRunResult', () => {
  it('bound every kept value of a check, keep which of expected and received were there, and return a bounded result as it is', () => {
    const r = boundCheckResult(check({ message: 'm'.repeat(1e6), received: undefined, counterexample: deep(100) }));
    expect(r.failure!.message.length).toBeLessThanOrEqual(BOUNDS.textChars);
    expect('received' in r.failure!).toBe(true);
    expect('expected' in r.failure!).toBe(false);
    expect(depthOf(r.failure!.counterexample)).toBe(BOUNDS.depth);
    expect(boundCheckResult(r)).toBe(r);
  });

  it('bound every failure of a check that reports several kinds, not only the first', () => {
    const c = check({});
    const huge = { ...c.failure!, message: 'x'.repeat(1e6), counterexample: deep(100), kind: 'k2' };
    const r = boundCheckResult({ ...c, failures: [c.failure!, huge] });
    expect(r.failures![1]!.message.length).toBeLessThanOrEqual(BOUNDS.textChars);
    expect(depthOf(r.failures![1]!.counterexample)).toBe(BOUNDS.depth);
    expect(r.failures![1]!.kind).toBe('k2');
  });

  it("bound a run's adapter name and version, warnings, restarts and stderr", () => {
    const run = {
      adapter: { name: 'n'.repeat(1e5), version: 'v'.repeat(1e5), wire: 'xml', specifier: './a.ts' },
      checks: [check({ received: hostileProxy })],
      warnings: Array.from({ length: 500 }, () => 'w'.repeat(1e5)),
      restarts: Array.from({ length: 500 }, () => ({ check: 'c', reason: 'r'.repeat(1e5) })),
      stderr: 'e'.repeat(1e6),
    } as unknown as RunResult;
    const out = boundRunResult(run);
    expect(out.adapter.name.length).toBeLessThanOrEqual(BOUNDS.labelChars);
    expect(out.adapter.version!.length).toBeLessThanOrEqual(BOUNDS.labelChars);
    expect(out.checks[0]!.failure!.received).toBe('[unreadable: trap]');
    expect(out.warnings).toHaveLength(BOUNDS.entries + 1);
    expect(out.warnings.at(-1)).toBe('…[truncated: 400 more warnings]');
    expect(out.restarts.at(-1)).toEqual({ check: '', reason: '…[truncated: 400 more restarts]' });
    expect(JSON.stringify(out).length).toBeLessThan(3_000_000);
    expect(out.stderr!.length).toBeLessThanOrEqual(BOUNDS.textChars);
  });
});

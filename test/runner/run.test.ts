import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../adapters/contract.js';
import { ConformanceError } from '../../adapters/errors.js';
import { referenceNodeAdapter } from '../../adapters/reference/node.js';
import { referenceXmlAdapter } from '../../adapters/reference/xml.js';
import { exitCodeOf, run, type RunOptions } from '../../runner/index.js';
import { REJECT_SUITE } from '../../suites/index.js';
import trimsCallId from '../fixtures/faults/encode-trims-call-id.js';

const loaded = (adapter: Adapter<any>) => ({ adapter: adapter as Adapter, specifier: `./${adapter.name}.ts` });
const runOn = (adapter: Adapter<any>, options: Omit<RunOptions, 'adapter'> = {}) => run({ adapter: loaded(adapter), ...options });
const ref = referenceXmlAdapter();
const byId = (r: { checks: { id: string }[] }, id: string) =>
  r.checks.find((c) => c.id === id) as Awaited<ReturnType<typeof run>>['checks'][number];
const refCodec = ref.reject as Required<typeof ref.reject>;

describe('seeds, shrinking and replay', () => {
  it('gives the same verdict and the same counterexample for the same seed', async () => {
    const a = await runOn(trimsCallId, { checks: ['reject.encode.call-id'], seed: 42 });
    const b = await runOn(trimsCallId, { checks: ['reject.encode.call-id'], seed: 42 });
    expect(a.checks[0]!.status).toBe('failed');
    expect(b.checks[0]!.failure).toEqual(a.checks[0]!.failure);
    expect(a.seed).toBe(42);
  });

  it('uses the fixed default seed when none is given, so a gate is reproducible', async () => {
    const a = await runOn(ref, { checks: ['reject.encode.from'] });
    expect(a.seed).toBe(20260);
  });

  it('shrinks a random failure to its smallest case', async () => {
    // fails only on call-ids longer than 40 characters, which no edge but the 4096-long one is
    const longFails: Adapter<string> = {
      name: 'long-call-ids-truncated',
      reject: { ...refCodec, encode: (m) => refCodec.encode({ ...m, callId: m.callId.slice(0, 40) }) },
    };
    const r = await runOn(longFails, { checks: ['reject.encode.call-id'] });
    const failures = r.checks[0]!.failures!;
    expect(failures.every((f) => f.code === 'mismatch')).toBe(true);
    // the 4096-character edge is a kind of its own, as it is; the random long call-ids shrink
    const edge = failures.find((f) => f.kind === 'text:edge:long')!;
    expect([...(edge.counterexample as { callId: string }).callId]).toHaveLength(4096);
    const f = failures.find((x) => x.kind === 'text:long-repeat')!;
    const length = [...(f.counterexample as { callId: string }).callId].length;
    expect(length).toBeGreaterThan(40);
    expect(length).toBeLessThan(200);
    expect(f.shrinks).toBeGreaterThan(0);
    for (const g of failures) {
      const replay = await runOn(longFails, {
        checks: ['reject.encode.call-id'],
        path: g.path,
        ...(g.replayKind ? { kind: g.replayKind } : {}),
      });
      expect(replay.checks[0]!.failure!.counterexample, g.kind).toEqual(g.counterexample);
    }
  });

  it('replays exactly the failing case from its seed and path', async () => {
    const first = await runOn(trimsCallId, { checks: ['reject.encode.call-id'], seed: 7 });
    const failures = first.checks[0]!.failures!;
    expect(failures.length).toBeGreaterThan(1);
    // one of a kind's own cases (tried before the random ones) replays with --kind; a random one without
    expect(failures.some((f) => f.replayKind)).toBe(true);
    for (const f of failures) {
      const replay = await runOn(trimsCallId, {
        checks: ['reject.encode.call-id'],
        seed: 7,
        path: f.path,
        ...(f.replayKind ? { kind: f.replayKind } : {}),
      });
      const g = replay.checks[0]!.failure!;
      expect(g.counterexample, f.kind).toEqual(f.counterexample);
      expect(g.received).toEqual(f.received);
      expect(replay.checks[0]!.runs).toBe(1);
      const kind = f.replayKind ? ` --kind ${f.replayKind}` : '';
      expect(f.reproduce).toBe(
        `npx conformance --adapter ./encode-trims-call-id.ts --check reject.encode.call-id${kind} --seed 7 --path ${f.path}`,
      );
    }
  });

  it('refuses --path unless exactly one check is selected', async () => {
    await expect(runOn(ref, { path: '0' })).rejects.toThrow(ConformanceError);
    await expect(runOn(ref, { path: '0' })).rejects.toThrow(/expected --check to select exactly one check, it selects \d+/);
  });

  it('refuses a selection that matches no check', async () => {
    await expect(runOn(ref, { checks: ['reject.nothing.*'] })).rejects.toMatchObject({ code: 'no_checks' });
  });
});

describe('what an adapter lacks is skipped, never passed', () => {
  it('skips checks needing a function the adapter does not have, saying which', async () => {
    const decodeOnly: Adapter<string> = { name: 'decode-only', reject: { decode: refCodec.decode } };
    const r = await runOn(decodeOnly);
    const needsOther = REJECT_SUITE.filter((c) => c.needs.some((op) => op !== 'decode'));
    for (const c of needsOther) {
      const result = r.checks.find((x) => x.id === c.id)!;
      expect(result.status, c.id).toBe('skipped');
      expect(result.skipReason).toMatch(/^the adapter has no reject\.(encode|reply)/);
    }
    expect(r.checks.filter((c) => c.status === 'passed').length).toBeGreaterThan(10);
    expect(r.checks.filter((c) => c.status === 'failed')).toEqual([]);
  });

  it('skips the XML-text checks on the node wire as not applicable', async () => {
    const r = await runOn(referenceNodeAdapter());
    const xmlOnly = REJECT_SUITE.filter((c) => !c.wires.includes('node')).map((c) => c.id);
    expect(xmlOnly.length).toBeGreaterThan(3);
    for (const id of xmlOnly) expect(r.checks.find((c) => c.id === id)!.skipReason).toBe('not applicable to the node wire');
  });
});

describe('setup and teardown', () => {
  it('awaits setup once before any case and teardown once at the end, also after failures', async () => {
    const events: string[] = [];
    const adapter: Adapter<string> = {
      name: 'lifecycle',
      reject: { ...refCodec, encode: (m) => (events.push('encode'), refCodec.encode({ ...m, id: m.id.trim() || m.id })) },
      setup: async () => void events.push('setup'),
      teardown: async () => void events.push('teardown'),
    };
    const r = await runOn(adapter, { checks: ['reject.encode.id', 'reject.encode.from'] });
    expect(byId(r, 'reject.encode.id').status).toBe('failed');
    expect(events[0]).toBe('setup');
    expect(events.at(-1)).toBe('teardown');
    expect(events.filter((e) => e === 'setup' || e === 'teardown')).toEqual(['setup', 'teardown']);
  });

  it('a setup that throws stops the run with a clear error, and teardown still runs', async () => {
    let tornDown = false;
    const adapter: Adapter<string> = {
      name: 'bad-setup',
      reject: refCodec,
      setup: () => {
        throw new Error('database unreachable');
      },
      teardown: () => void (tornDown = true),
    };
    await expect(runOn(adapter)).rejects.toMatchObject({
      code: 'adapter_setup',
      message: expect.stringContaining('setup threw: database unreachable'),
    });
    expect(tornDown).toBe(true);
  });

  it('a teardown that throws is a warning, not a lost result', async () => {
    const adapter: Adapter<string> = {
      name: 'bad-teardown',
      reject: refCodec,
      teardown: () => {
        throw new Error('socket already closed');
      },
    };
    const r = await runOn(adapter, { checks: ['reject.encode.from'] });
    expect(r.checks[0]!.status).toBe('passed');
    expect(r.warnings).toEqual(['teardown threw: socket already closed']);
  });
});

describe('per-call timeout', () => {
  it('fails the check whose call did not finish, and goes on', async () => {
    const hangs: Adapter<string> = { name: 'decode-hangs', reject: { ...refCodec, decode: () => new Promise(() => {}) } };
    const r = await runOn(hangs, { checks: ['reject.decode.page-example', 'reject.encode.from'], timeoutMs: 50 });
    const hung = byId(r, 'reject.decode.page-example');
    expect(hung.status).toBe('failed');
    expect(hung.failure!.code).toBe('timeout');
    expect(hung.failure!.message).toMatch(/50 ms/);
    expect(hung.failure!.reproduce).toContain('--timeout 50');
    expect(byId(r, 'reject.encode.from').status).toBe('passed');
  });
});

describe('gating', () => {
  it('fails the gate on a must failure, and on a should failure only when should gates', async () => {
    const must = await runOn(trimsCallId, { checks: ['reject.encode.call-id'] });
    expect(exitCodeOf(must)).toBe(1);
    const vague: Adapter<string> = {
      name: 'vague',
      reject: {
        ...refCodec,
        encode: (m) => {
          try {
            return refCodec.encode(m);
          } catch {
            throw new Error('bad input');
          }
        },
      },
    };
    const lenient = await runOn(vague, { checks: ['reject.encode.error-names-culprit'] });
    expect(lenient.checks[0]!.status).toBe('failed');
    expect(lenient.checks[0]!.gating).toBe(false);
    expect(exitCodeOf(lenient)).toBe(0);
    const strict = await runOn(vague, { checks: ['reject.encode.error-names-culprit'], gatingLevels: ['must', 'should'] });
    expect(exitCodeOf(strict)).toBe(1);
  });
});

/**
 * The sequence checks (calls in a row): each short kind is the sequence it
 * names, on both wires, judged by the independent judge; a random sequence
 * shrinks to the shortest that fails and its replay fails the same way; the
 * cases run one at a time on a host that batches calls; in the worker host a
 * codec that hangs or ends its thread in the middle of a sequence fails that
 * check, naming the step, and the run goes on.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../../adapters/contract.js';
import { loadAdapter, locateAdapter } from '../../adapters/loader.js';
import { referenceXmlAdapter } from '../../adapters/reference/xml.js';
import { run } from '../../runner/index.js';
import { runCheck } from '../../runner/run-check.js';
import type { Check, CheckContext, CodecCaller, Outcome } from '../../suites/index.js';
import { MAX_STEPS, SEQUENCE_CHECKS, type Step } from '../../suites/reject/sequence.js';
import { reasonList } from '../../spec/index.js';
import { judgeMessage, judgeNode, judgeXml, normal } from '../fixtures/independent/judge.js';
import { FAULTS_DIR } from '../helpers/faults.js';

const reasons = reasonList();
const ctxOf = (wire: Wire): CheckContext => ({ wire, reasons, codec: undefined as unknown as CodecCaller });
const byId = (id: string) => SEQUENCE_CHECKS.find((c) => c.id === `reject.sequence.${id}`)! as Check<Step[]>;
const samples = (check: Check<Step[]>, wire: Wire, kind: string, n = 30) =>
  fc.sample(check.kinds!(ctxOf(wire)).find((k) => k.name === `sequence:${kind}`)!.arbitrary, { seed: 7, numRuns: n });

/** What the independent judge reads a step's input as: the message, or why it is not one. */
function judged(s: Step, wire: Wire) {
  if (s.call === 'decode') return wire === 'xml' ? judgeXml(s.wire as string) : judgeNode(s.wire);
  if (s.call === 'encode') return judgeMessage(s.message);
  return judgeMessage({ ...s.offer, reason: undefined });
}

/** Every valid step is valid and means what it says; every broken one is refused by the judge. */
function expectSound(steps: Step[], wire: Wire) {
  for (const s of steps) {
    const j = judged(s, wire);
    if ('fault' in s) expect(j.ok, `${s.call} of ${s.fault} is broken`).toBe(false);
    else {
      expect(j, JSON.stringify(s)).toMatchObject({ ok: true });
      if (s.call === 'decode' && j.ok) expect(normal(j.message)).toEqual(normal(s.means));
    }
  }
}
const idOf = (s: Step, wire: Wire): string => {
  const j = judged(s, wire);
  if (!j.ok) throw new Error(j.why);
  return j.message.callId;
};

describe.each(['xml', 'node'] as const)('the short sequence kinds, on the %s wire', (wire) => {
  it('decode repeat: the same valid stanza twice', () => {
    for (const steps of samples(byId('decode'), wire, 'repeat')) {
      expect(steps).toHaveLength(2);
      expectSound(steps, wire);
      expect(steps[1]!.call === 'decode' && steps[1]!.wire).toEqual(steps[0]!.call === 'decode' && steps[0]!.wire);
    }
  });
  it('decode same-call-id-twice: two valid stanzas with one call-id that mean different messages', () => {
    for (const steps of samples(byId('decode'), wire, 'same-call-id-twice')) {
      expect(steps).toHaveLength(2);
      expectSound(steps, wire);
      expect(idOf(steps[1]!, wire)).toBe(idOf(steps[0]!, wire));
      const [a, b] = steps.map((s) => judged(s, wire)) as [ReturnType<typeof judged>, ReturnType<typeof judged>];
      expect(a.ok && normal(a.message)).not.toEqual(b.ok && normal(b.message));
    }
  });
  it('decode refused-then-valid: a stanza refused for one attribute and carrying a reason, then a valid one without a reason', () => {
    for (const steps of samples(byId('decode'), wire, 'refused-then-valid')) {
      expect(steps).toHaveLength(2);
      expectSound(steps, wire);
      const [bad, good] = steps as [Step & { fault: string }, Step & { means: object }];
      expect(bad.fault).toMatch(/^(missing-attribute|empty-attribute|reason-outside-enum|malformed-jid):/);
      const text = JSON.stringify(bad.call === 'decode' && bad.wire);
      expect(text, text).toMatch(wire === 'xml' ? /reason=/ : /"reason":/);
      expect(good.means).not.toHaveProperty('reason');
    }
  });
  it('decode valid-then-near-miss: a valid stanza, then that message with one fault', () => {
    for (const steps of samples(byId('decode'), wire, 'valid-then-near-miss')) {
      expect(steps).toHaveLength(2);
      expectSound(steps, wire);
      expect('fault' in steps[0]!).toBe(false);
      expect('fault' in steps[1]!).toBe(true);
    }
  });
  it('encode repeat, same-call-id-twice, refused-then-valid, valid-then-near-miss', () => {
    const encode = byId('encode');
    for (const steps of samples(encode, wire, 'repeat')) {
      expectSound(steps, wire);
      expect(steps[1]!.call === 'encode' && steps[1]!.message).toEqual(steps[0]!.call === 'encode' && steps[0]!.message);
    }
    for (const steps of samples(encode, wire, 'same-call-id-twice')) {
      expectSound(steps, wire);
      expect(idOf(steps[1]!, wire)).toBe(idOf(steps[0]!, wire));
      expect(steps[1]!.call === 'encode' && steps[1]!.message).not.toEqual(steps[0]!.call === 'encode' && steps[0]!.message);
    }
    for (const steps of samples(encode, wire, 'refused-then-valid')) {
      expectSound(steps, wire);
      const [bad, good] = steps as [Step & { call: 'encode' }, Step & { call: 'encode' }];
      expect('fault' in bad && bad.message.reason !== undefined).toBe(true);
      expect(good.message.reason).toBeUndefined();
    }
    for (const steps of samples(encode, wire, 'valid-then-near-miss')) {
      expectSound(steps, wire);
      expect(steps.map((s) => 'fault' in s)).toEqual([false, true]);
    }
  });
  it('mixed: encode and decode interleaved on one call-id, a reply after two refusals, one call-id across the three calls', () => {
    const mixed = byId('mixed');
    for (const steps of samples(mixed, wire, 'encode-decode-interleaved')) {
      expect(steps.map((s) => s.call)).toEqual(['encode', 'decode', 'encode', 'decode']);
      expectSound(steps, wire);
      expect(new Set(steps.map((s) => idOf(s, wire))).size).toBe(1);
    }
    for (const steps of samples(mixed, wire, 'reply-after-refusal')) {
      expect(steps.map((s) => [s.call, 'fault' in s])).toEqual([
        ['decode', true],
        ['encode', true],
        ['reply', false],
      ]);
      expectSound(steps, wire);
    }
    for (const steps of samples(mixed, wire, 'same-call-id-across-calls')) {
      expect(steps.map((s) => s.call)).toEqual(['reply', 'decode', 'encode']);
      expectSound(steps, wire);
      expect(new Set(steps.map((s) => idOf(s, wire))).size).toBe(1);
    }
  });
  it('random: 1 to MAX_STEPS sound steps, each note true of the step it names', () => {
    for (const id of ['decode', 'encode', 'mixed']) {
      for (const steps of samples(byId(id), wire, 'random', 60)) {
        expect(steps.length).toBeGreaterThanOrEqual(1);
        expect(steps.length).toBeLessThanOrEqual(MAX_STEPS);
        expectSound(steps, wire);
        for (const s of steps) {
          const again = /^the same input as step (\d+)$/.exec(s.note ?? '');
          if (again) expect({ ...s, note: undefined }).toEqual({ ...steps[Number(again[1]) - 1]!, note: undefined });
          const same = /^the call-id of step (\d+), the rest its own$/.exec(s.note ?? '');
          if (same) expect(idOf(s, wire)).toBe(idOf(steps[Number(same[1]) - 1]!, wire));
        }
      }
    }
  });
});

describe('shrinking and replay', () => {
  // a model of a decoder that caches the last call-id: what fails is two valid decodes in a row sharing one
  const fails = (steps: Step[]) => {
    let last: { callId: string; m: string } | undefined;
    for (const s of steps) {
      if (s.call !== 'decode' || 'fault' in s) continue;
      const m = JSON.stringify(normal(s.means));
      if (last?.callId === s.means.callId && last.m !== m) return true;
      if (last?.callId !== s.means.callId) last = { callId: s.means.callId, m };
    }
    return false;
  };
  it('a random sequence that fails shrinks to the shortest that still fails, whichever steps it keeps', () => {
    const arb = byId('decode').kinds!(ctxOf('xml')).find((k) => k.name === 'sequence:random')!.arbitrary;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const d = fc.check(
        fc.property(arb, (steps) => !fails(steps)),
        { seed, numRuns: 300 },
      );
      expect(d.failed, `seed ${seed}`).toBe(true);
      expect(d.counterexample![0], `seed ${seed}`).toHaveLength(2);
    }
  });

  it('each failure of a fixture replays from its seed, path and kind: the same sequence, failing with the same message', async () => {
    for (const [fixture, kind] of [
      ['decode-caches-by-call-id', 'sequence:same-call-id-twice'],
      ['decode-keeps-state-after-refusal', 'sequence:refused-then-valid'],
    ] as const) {
      const adapter = await loadAdapter(join(FAULTS_DIR, `${fixture}.ts`));
      const r = (await run({ adapter, checks: ['reject.sequence.decode'], isolation: false })).checks[0]!;
      expect(r.status, fixture).toBe('failed');
      expect(r.failures!.map((f) => f.kind)).toContain(kind);
      for (const f of r.failures!) {
        expect(f.message, f.reproduce).toMatch(/^step \d+ of \d+ \(decode/);
        const again = (
          await run({
            adapter,
            checks: ['reject.sequence.decode'],
            isolation: false,
            seed: f.seed,
            path: f.path,
            ...(f.replayKind ? { kind: f.replayKind } : {}),
          })
        ).checks[0]!;
        expect(again.failure?.counterexample, f.reproduce).toEqual(f.counterexample);
        expect(again.failure?.message, f.reproduce).toBe(f.message);
      }
    }
  });
});

describe('the cases run one at a time', () => {
  /** A host that batches: counts how many calls were in flight at once. */
  function batchingHost() {
    const ref = referenceXmlAdapter().reject as unknown as Record<string, (...a: unknown[]) => unknown>;
    let inFlight = 0;
    const host = {
      batching: true,
      most: 0,
      async call(op: string, ...args: unknown[]): Promise<Outcome> {
        host.most = Math.max(host.most, ++inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        try {
          return { kind: 'returned', value: ref[op]!(...structuredClone(args)) };
        } catch (error) {
          return { kind: 'threw', error };
        }
      },
      async callWatching(op: string, ...args: unknown[]) {
        return { outcome: await host.call(op, ...args), argsAfter: args };
      },
    };
    return host;
  }
  const params = { seed: 1, runs: 20, gating: true, reproduce: () => '' };
  it('a sequence check sends one call at a time; another check sends its cases side by side', async () => {
    const host = batchingHost();
    const ctx = { wire: 'xml' as const, reasons, codec: host as unknown as CodecCaller };
    expect((await runCheck(byId('mixed'), ctx, params)).status).toBe('passed');
    expect(host.most).toBe(1);
    const { REJECT_SUITE } = await import('../../suites/index.js');
    await runCheck(
      REJECT_SUITE.find((c) => c.id === 'reject.decode.plain')!,
      ctx,
      params,
    );
    expect(host.most).toBeGreaterThan(1);
  });
});

describe('in the worker host', () => {
  const DIR = join(import.meta.dirname, '..', 'fixtures', 'misbehaving');
  it.each([
    ['reply-exits', 'crashed', /the codec ended its thread \(exit code 3\)/],
    ['reply-hangs', 'timeout', /reply did not return within \d+ ms/],
  ])(
    '%s: a call that misbehaves in the middle of a sequence fails the mixed check naming its step; the worker is restarted and the other sequence checks pass',
    async (name, code, words) => {
      const r = await run({
        adapter: locateAdapter(join(DIR, `${name}.mjs`)),
        timeoutMs: 1000,
        checks: SEQUENCE_CHECKS.map((c) => c.id),
        runs: 30,
      });
      expect(r.isolation).toBe('worker');
      const mixed = r.checks.find((c) => c.id === 'reject.sequence.mixed')!;
      expect(mixed.status).toBe('failed');
      expect(mixed.failure!.code).toBe(code);
      expect(mixed.failure!.message).toMatch(/^step \d+ of \d+ \(reply\): /);
      expect(mixed.failure!.message).toMatch(words);
      const shown = mixed.failure!.counterexample as { call?: string; options?: { reason?: string } }[];
      const n = Number(/^step (\d+)/.exec(mixed.failure!.message)![1]);
      expect(shown[n]!.options?.reason).toBe('busy');
      expect(r.restarts.length).toBeGreaterThan(0);
      for (const id of ['reject.sequence.decode', 'reject.sequence.encode'])
        expect(r.checks.find((c) => c.id === id)!.status, id).toBe('passed');
    },
    60_000,
  );

  it('the state a fixture keeps lives in the worker, and the sequence check sees it there', async () => {
    for (const fixture of ['decode-caches-by-call-id', 'decode-keeps-state-after-refusal']) {
      const r = await run({ adapter: locateAdapter(join(FAULTS_DIR, `${fixture}.ts`)), checks: ['reject.sequence.decode'], runs: 10 });
      expect(r.isolation).toBe('worker');
      expect(r.checks[0]!.status, fixture).toBe('failed');
    }
  }, 300_000);
});

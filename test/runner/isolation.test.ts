/**
 * Isolation: a codec that hangs or crashes fails the check in flight, is
 * restarted, and the run goes on. Each fixture misbehaves in reply, and only
 * when the options ask for reason "busy"; encode stays correct throughout.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdapter, locateAdapter } from '../../adapters/loader.js';
import { run, type RunResult } from '../../runner/index.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'misbehaving');
const CHECKS = ['reject.reply.structure', 'reject.reply.call-id', 'reject.encode.from', 'reject.decode.plain'];

async function runFixture(name: string): Promise<RunResult> {
  return run({ adapter: locateAdapter(join(DIR, `${name}.mjs`)), timeoutMs: 1000, checks: CHECKS, runs: 30 });
}

const byId = (r: RunResult, id: string) => r.checks.find((c) => c.id === id)!;

describe('isolation (worker thread, the default)', () => {
  it.each([
    // [fixture, code, message, restarted, the counterexample is the busy call itself]
    ['reply-hangs', 'timeout', /^reply did not return within \d+ ms \(stopped after \d+ ms; /, true, true],
    ['reply-exits', 'crashed', /the codec ended its thread \(exit code 3\)/, true, true],
    // the timer throws after the call returned: charged to the next call of the check in flight
    [
      'reply-throws-outside-call',
      'crashed',
      /the codec threw outside any call: number 42 \(not an Error\)( \(after an earlier call returned\))?$/,
      true,
      false,
    ],
    ['reply-leaves-rejection', 'crashed', /the codec left a promise rejection unhandled: socket closed/, true, true],
  ])('%s: the reply checks fail (%s), the others pass, the run ends on its own', async (name, code, message, restarted, onBusy) => {
    const r = await runFixture(name);
    expect(r.isolation).toBe('worker');
    for (const id of ['reject.reply.structure', 'reject.reply.call-id']) {
      const c = byId(r, id);
      expect(c.status, id).toBe('failed');
      expect(c.failure!.code, id).toBe(code);
      expect(c.failure!.message, id).toMatch(message);
      if (onBusy) expect((c.failure!.counterexample as { options: { reason?: string } }).options.reason, id).toBe('busy');
    }
    expect(byId(r, 'reject.encode.from').status).toBe('passed');
    expect(byId(r, 'reject.decode.plain').status).toBe('passed');
    expect(r.restarts.length > 0).toBe(restarted);
    // a restart outside the reply checks can only be a call suspected on a busy machine and forgiven
    for (const x of r.restarts.filter((y) => !/^reject\.reply\./.test(y.check))) {
      expect(x.reason, x.check).toMatch(/to be confirmed/);
      expect(byId(r, x.check).status, x.check).toBe('passed');
    }
    expect(r.restarts.some((x) => /^reject\.reply\./.test(x.check))).toBe(restarted);
    expect(r.summary.gatingFailures).toBe(2);
    // it ended on its own (a hung run would meet this test's own limit); what a hang costs in time
    // is the bench's figure (npm run bench, section 6), not a margin a busy machine may not give
  });

  it('a non-Error thrown on a valid input fails the check in flight, no restart needed', async () => {
    const r = await runFixture('reply-throws-a-string');
    const c = byId(r, 'reject.reply.call-id');
    expect(c.failure).toMatchObject({ code: 'threw', message: 'reply threw on a valid input: "busy is not supported" (not an Error)' });
    expect(r.restarts).toEqual([]);
  });

  it.each([true, false])(
    'a codec that writes to stdout is not failed for it, isolated (%s) or not, and what it wrote is kept',
    async (isolation) => {
      const r = await run({ adapter: locateAdapter(join(DIR, 'reply-writes-stdout.mjs')), isolation, checks: CHECKS, runs: 30 });
      expect(r.isolation).toBe(isolation ? 'worker' : 'in-process');
      expect(r.checks.map((c) => [c.id, c.status]).sort()).toEqual(CHECKS.map((id) => [id, 'passed']).sort());
      expect(r.stdout).toContain('DEBUG reply busy\n');
      expect(r.restarts).toEqual([]);
    },
  );

  it('a change the codec makes to its input in the worker is still seen', async () => {
    const faults = join(import.meta.dirname, '..', 'fixtures', 'faults');
    const r = await run({
      adapter: await loadAdapter(join(faults, 'node-decode-consumes-attrs.ts')),
      checks: ['reject.hygiene.decode-input'],
      runs: 20,
    });
    expect(r.isolation).toBe('worker');
    expect(r.checks[0]!.failure?.code).toBe('input_changed');
  });

  it('a decoded class instance crosses the worker boundary as the fields it reads as', async () => {
    const r = await run({
      adapter: await loadAdapter(join(import.meta.dirname, '..', 'fixtures', 'independent', 'class-based-node.ts')),
      runs: 30,
    });
    expect(r.isolation).toBe('worker');
    expect(r.checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual([]);
  });
});

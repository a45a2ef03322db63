/**
 * The time rules of isolation (README "Isolation"): a call that hangs is
 * stopped, confirmed alone in a fresh worker, and fails the check with the
 * input that hung; a correct codec is never failed for time, however slow it
 * is per call, or when the machine holds one call up; start-up is not a call.
 * No assertion here leans on how fast the machine is: each is about which
 * checks failed, why, and what the report says.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { locateAdapter } from '../../adapters/loader.js';
import { run, type CheckResult, type RunResult } from '../../runner/index.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'timing');
const at = (name: string) => locateAdapter(join(DIR, `${name}.mjs`));
const failed = (r: RunResult) => r.checks.filter((c) => c.status === 'failed');
const byId = (r: RunResult, id: string) => r.checks.find((c) => c.id === id)!;
const saved = { ...process.env };
afterEach(() => {
  for (const k of ['STALL_MS', 'STALL_MARKER', 'LOADS_ONCE_DIR', 'SETUP_MS']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe('a codec that hangs on one class of input (encode, any "&" in call-id)', () => {
  const ENCODE = ['reject.encode.call-id', 'reject.encode.id', 'reject.encode.from', 'reject.roundtrip'];
  let r: RunResult;
  it('fails every check that meets it, with the input that hung, at the default limits', async () => {
    r = await run({ adapter: at('hangs-on-amp'), checks: [...ENCODE, 'reject.decode.plain', 'reject.reply.call-id'] });
    expect(
      failed(r)
        .map((c) => c.id)
        .sort(),
    ).toEqual([...ENCODE].sort());
    for (const id of ENCODE) {
      const f = byId(r, id).failure!;
      expect(f.code, id).toBe('timeout');
      expect(JSON.stringify(f.counterexample), id).toMatch(/"callId":"[^"]*&/);
    }
    expect(byId(r, 'reject.decode.plain').status).toBe('passed');
    expect(byId(r, 'reject.reply.call-id').status).toBe('passed');
  }, 300_000);

  it('confirms the first hang alone under the full limit, and says so; later ones say why they were not confirmed again', () => {
    const messages = ENCODE.map((id) => byId(r, id).failure!.message);
    const confirmed = messages.filter((m) => /confirmed: it hung again when tried alone in a fresh codec/.test(m));
    expect(confirmed.length).toBeGreaterThanOrEqual(1);
    expect(confirmed[0]).toMatch(/^encode did not return within 2000 ms \(stopped after \d+ ms; /);
    for (const m of messages.filter((x) => !confirmed.includes(x)))
      expect(m).toMatch(/not confirmed again: encode already hung for the full 2000 ms in reject\./);
    expect(r.restarts.some((x) => /to be confirmed/.test(x.reason))).toBe(true);
  });
});

describe('a codec whose calls hang depending on what ran before (every fifth encode)', () => {
  it('is not forgiven: a fresh worker answers the call that hung, but after three such calls encode is held to the full limit', async () => {
    const ENCODE = ['reject.encode.call-id', 'reject.encode.id', 'reject.encode.from'];
    const r = await run({ adapter: at('hangs-one-in-five'), checks: [...ENCODE, 'reject.decode.plain'] });
    expect(
      failed(r)
        .map((c) => c.id)
        .sort(),
    ).toEqual([...ENCODE].sort());
    const why = ENCODE.map((id) => byId(r, id).failure!.message);
    expect(
      why.some((m) =>
        /not tried again: 3 earlier calls of encode passed the suspect limit and answered only when tried alone in a fresh codec/.test(m),
      ),
    ).toBe(true);
    for (const m of why) expect(m).toMatch(/^(encode did not return within|not run: encode was given up on)/);
    expect(byId(r, 'reject.decode.plain').status).toBe('passed');
  }, 300_000);
});

describe('a correct codec is never failed for time', () => {
  const CHECKS = ['reject.encode.call-id', 'reject.decode.plain', 'reject.reply.call-id', 'reject.roundtrip'];
  const allPassed = (r: RunResult) =>
    expect(r.checks.map((c: CheckResult) => [c.id, c.status]).sort()).toEqual(CHECKS.map((id) => [id, 'passed']).sort());

  it('every call taking 50 ms', async () => {
    const r = await run({ adapter: at('slow-50ms'), checks: CHECKS, runs: 10 });
    allPassed(r);
  }, 300_000);

  it.each([1000, 3000])(
    'one call held up for %i ms (a GC pause, a descheduled thread): confirmed, not failed',
    async (ms) => {
      const marker = join(mkdtempSync(join(tmpdir(), 'conformance-stall-')), 'stalled');
      process.env.STALL_MS = String(ms);
      process.env.STALL_MARKER = marker;
      const r = await run({ adapter: at('stalls-once'), checks: CHECKS, runs: 30 });
      expect(readFileSync(marker, 'utf8')).toBe(String(ms)); // the stall happened
      allPassed(r);
      // It was suspected, stopped, and answered when tried again alone (a busy machine may add suspects of its own).
      expect(r.restarts.length).toBeGreaterThanOrEqual(1);
      for (const x of r.restarts) expect(x.reason).toMatch(/^did not return within \d+ ms \(to be confirmed\)$/);
    },
    120_000,
  );

  it('a setup that takes 3 s every time it starts: start-up is not a call', async () => {
    process.env.SETUP_MS = '3000';
    const r = await run({ adapter: at('slow-start'), checks: ['reject.encode.call-id'], runs: 10 });
    expect(r.checks[0]!.status).toBe('passed');
  }, 300_000);

  it('start-up has its own limit, and running out of it says so with the time measured', async () => {
    process.env.SETUP_MS = '3000';
    await expect(run({ adapter: at('slow-start'), checks: ['reject.encode.call-id'], runs: 10, startTimeoutMs: 500 })).rejects.toThrow(
      /adapter .*slow-start\.mjs: did not start within the start-up limit of 500 ms \(module load, worker start and setup; stopped after \d+ ms; raise it with --start-timeout\)/,
    );
  }, 300_000);
});

describe('the runner never imports an isolated adapter', () => {
  it('a module that refuses to load twice in one process (a native addon that is not context-aware) runs isolated', async () => {
    process.env.LOADS_ONCE_DIR = mkdtempSync(join(tmpdir(), 'conformance-loads-once-'));
    const r = await run({ adapter: at('loads-once'), checks: ['reject.encode.call-id', 'reject.decode.plain'], runs: 20 });
    expect(r.adapter.name).toBe('loads-once');
    expect(r.checks.map((c) => c.status)).toEqual(['passed', 'passed']);
    expect(existsSync(join(process.env.LOADS_ONCE_DIR, `loads-once-${process.pid}.lock`))).toBe(true);
  }, 300_000);
});

describe('what cannot be read cannot be judged, and is never a refusal', () => {
  it.each([true, false])(
    'decode returning a lazy view whose getters throw fails the refusal checks (isolation %s), with the same verdict',
    async (isolation) => {
      const r = await run({ adapter: at('lazy-result'), checks: ['reject.decode.*'], runs: 20, isolation });
      const ids = failed(r).map((c) => c.id);
      expect(ids).toContain('reject.decode.refuses.missing-attribute');
      expect(ids).toContain('reject.decode.refuses.malformed-jid');
      for (const c of failed(r)) expect(c.failure!.code, c.id).toBe('unreadable_value');
      expect(byId(r, 'reject.decode.refuses.missing-attribute').failure!.message).toMatch(
        /^decode returned a value that cannot be judged: reading the value\.\w+ threw /,
      );
      expect(byId(r, 'reject.decode.plain').status).toBe('passed');
    },
    120_000,
  );
});

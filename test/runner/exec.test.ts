/**
 * Codecs in any language: subprocess adapters over the JSON-lines protocol.
 * The Python example passes the whole suite and its broken twin fails; a
 * testee that breaks the protocol, hangs or exits fails the check in flight
 * and is restarted; one that cannot start cannot be run (exit 2).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../adapters/loader.js';
import { ExecHost } from '../../runner/hosts/exec-host.js';
import { run, type RunResult } from '../../runner/index.js';
import { ROOT, runCli } from '../helpers/cli.js';

const SERVER = 'exec:node test/fixtures/exec/server.mjs';
const byId = (r: RunResult, id: string) => r.checks.find((c) => c.id === id)!;

describe('the Python example (standard library only)', () => {
  it('passes the whole suite through exec:', async () => {
    const r = await runCli(['--adapter', 'exec:python3 examples/python/codec.py']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/python-stdlib-codec: 55 passed, 0 failed, 2 skipped/);
  });

  it('its broken twin (decode trims the call-id) fails with exit 1', async () => {
    const r = await runCli(['--adapter', 'exec:python3 examples/python/broken_codec.py']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ reject\.decode\.plain \(must, gating\)/);
    expect(r.stdout).toMatch(/reproduce: {7}npx conformance --adapter 'exec:python3 examples\/python\/broken_codec\.py' --check reject\.decode\.plain/);
  });
});

describe('a testee that misbehaves', () => {
  const CHECKS = ['reject.reply.structure', 'reject.reply.call-id', 'reject.encode.from', 'reject.decode.plain'];
  it.each([
    ['malformed-line', 'crashed', /wrote a line to stdout that is not JSON: "reply: busy is not handled yet"/],
    ['hangs', 'timeout', /did not return within 300 ms/],
    ['exits', 'crashed', /ended its process \(exit code 5\)/],
  ])('%s: the reply checks fail (%s), the others pass, the testee is restarted', async (mode, code, message) => {
    const r = await run({ adapter: await loadAdapter(`${SERVER} ${mode}`, { cwd: ROOT }), checks: CHECKS, timeoutMs: 300, runs: 30 });
    expect(r.isolation).toBe('subprocess');
    for (const id of ['reject.reply.structure', 'reject.reply.call-id']) {
      expect(byId(r, id).failure, id).toMatchObject({ code });
      expect(byId(r, id).failure!.message, id).toMatch(message);
    }
    expect(byId(r, 'reject.encode.from').status).toBe('passed');
    expect(byId(r, 'reject.decode.plain').status).toBe('passed');
    expect(r.restarts.length).toBeGreaterThan(0);
  });

  it('dies on start: cannot be run, exit 2, with its stderr in the message', async () => {
    const r = await runCli(['--adapter', `${SERVER} dies-on-start`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ended before its hello line \(exit code 1\); its stderr: "ModuleNotFoundError: No module named \\"codec_core\\""/);
  });

  it('a wrong hello line is refused, naming the field', async () => {
    const r = await runCli(['--adapter', `${SERVER} bad-hello`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/its hello line is wrong at `wire`/);
  });

  it('a command that does not exist is refused clearly', async () => {
    const r = await runCli(['--adapter', 'exec:no-such-codec-binary --serve']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/could not start "no-such-codec-binary": spawn no-such-codec-binary ENOENT/);
  });
});

describe('the protocol', () => {
  it('matches pipelined responses to their requests by id, in any order', async () => {
    const loaded = await loadAdapter(`${SERVER} reverse`, { cwd: ROOT });
    const host = new ExecHost(loaded.exec!, loaded.specifier, 2000, () => true);
    await host.start();
    const msg = (id: string) => ({ from: 'A@lid', to: 'B@lid', id, callId: `c-${id}`, callCreator: 'B@lid' });
    const [a, b] = await Promise.all([host.call('encode', msg('one')), host.call('encode', msg('two'))]);
    expect(a).toMatchObject({ kind: 'returned', value: expect.stringContaining('id="one"') });
    expect(b).toMatchObject({ kind: 'returned', value: expect.stringContaining('id="two"') });
    expect(await host.stop()).toEqual([]);
  });

  it('an adapter module may name a command instead of functions', async () => {
    const loaded = await loadAdapter(join(ROOT, 'test', 'fixtures', 'exec', 'python-module.mjs'));
    expect(loaded.adapter.name).toBe('python-stdlib-codec');
    expect(loaded.exec?.argv).toEqual(['python3', 'codec.py']);
    const r = await run({ adapter: loaded, checks: ['reject.encode.*'], runs: 20 });
    expect(r.summary.failed).toBe(0);
  });
});

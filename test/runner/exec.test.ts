/**
 * Codecs in any language: subprocess adapters over the JSON-lines protocol.
 * The Python example passes the whole suite and its broken twin fails; a
 * testee that breaks the protocol, hangs or exits fails the check in flight
 * and is restarted; one that cannot start cannot be run (exit 2). A testee
 * that ignores stdin EOF and SIGTERM, or leaves a helper holding its stdout,
 * cannot keep the run alive; one that floods stderr costs bounded memory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAdapter, locateAdapter } from '../../adapters/loader.js';
import { ExecHost } from '../../runner/hosts/exec-host.js';
import { run, type RunResult } from '../../runner/index.js';
import { REJECT_SUITE } from '../../suites/index.js';
import { ROOT, runCli, runProcess, scratch } from '../helpers/cli.js';

const SERVER = 'exec:node test/fixtures/exec/server.mjs';
const byId = (r: RunResult, id: string) => r.checks.find((c) => c.id === id)!;

describe('the Python example (standard library only)', () => {
  it('passes the whole suite through exec:', async () => {
    const r = await runCli(['--adapter', 'exec:python3 examples/python/codec.py']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // every check that applies to the XML wire passes; the node-only ones are skipped
    const xml = REJECT_SUITE.filter((c) => c.wires.includes('xml')).length;
    expect(r.stdout).toContain(`python-stdlib-codec: ${xml} passed, 0 failed, ${REJECT_SUITE.length - xml} skipped`);
  });

  it('its broken twin (decode trims the call-id) fails with exit 1', async () => {
    const r = await runCli(['--adapter', 'exec:python3 examples/python/broken_codec.py']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ reject\.decode\.plain \(must, gating\)/);
    expect(r.stdout).toMatch(
      /reproduce: {7}npx conformance --adapter 'exec:python3 examples\/python\/broken_codec\.py' --check reject\.decode\.plain/,
    );
  });
});

describe('a testee that misbehaves', () => {
  const CHECKS = ['reject.reply.structure', 'reject.reply.call-id', 'reject.encode.from', 'reject.decode.plain'];
  it.each([
    ['malformed-line', 'crashed', /wrote a line to stdout that is not JSON: "reply: busy is not handled yet"/],
    ['hangs', 'timeout', /did not return within \d+ ms \(stopped after \d+ ms; (confirmed|not confirmed again)/],
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
    expect(r.stderr).toMatch(
      /ended before its hello line \(exit code 1\); its stderr: "ModuleNotFoundError: No module named \\"codec_core\\""/,
    );
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

describe('answers that cannot be read', () => {
  it('an output nested 200,000 deep fails the call as unreadable_value; the runner does not overflow its stack', async () => {
    const r = await run({
      adapter: locateAdapter(`exec:node ${FIXTURES}/answers-too-deep.mjs`, { cwd: ROOT }),
      checks: ['reject.decode.plain'],
      runs: 5,
    });
    expect(r.checks[0]!.failure).toMatchObject({
      code: 'unreadable_value',
      message: 'decode returned a value that cannot be judged: it nests deeper than 64 levels',
    });
  }, 300_000);
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

// --- What a testee leaves behind, and its start ------------------------------
// Every limit below is generous: a test fails by what happened, not by how fast.

const FIXTURES = 'test/fixtures/exec';
const fixture = (file: string, ...args: string[]) => ({ argv: [process.execPath, `${FIXTURES}/${file}`, ...args], cwd: ROOT });
const msg = (id: string) => ({ from: 'A@lid', to: 'B@lid', id, callId: `c-${id}`, callCreator: 'B@lid' });
const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : []);
const exists = (pid: number) => {
  try {
    return process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
};
/** Whether `pid` is gone (ESRCH) within 20 s: a killed orphan is reaped by init, which takes a moment. */
async function gone(pid: number | undefined): Promise<boolean> {
  for (const end = Date.now() + 20_000; pid !== undefined && exists(pid) && Date.now() < end;) await sleep(50);
  return pid !== undefined && !exists(pid);
}
const pidFiles: string[] = [];
const pidFile = () => (pidFiles.push(join(scratch('exec'), 'pids')), pidFiles.at(-1)!);
/** Whether `pid` still runs one of these fixtures or their helpers (and not a process that took its number since). */
const ours = (pid: number) => {
  try {
    return /fixtures\/exec|setInterval/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
};
afterEach(() => {
  for (const pid of pidFiles.splice(0).flatMap(lines)) if (exists(pid) && ours(pid)) process.kill(pid, 'SIGKILL');
});
const cli = (adapter: string) =>
  runProcess(process.execPath, ['dist/cli/main.js', '--adapter', adapter, '--check', 'reject.encode.from', '--runs', '5'], {
    cwd: ROOT,
    env: process.env,
    timeout: 50_000,
  });

describe('ending the testee: nothing it leaves behind keeps the run alive', () => {
  it('a testee that ignores stdin EOF and SIGTERM is killed (SIGKILL): stop() resolves, saying so', async () => {
    const pids = pidFile();
    const host = new ExecHost(fixture('ignores-eof-and-sigterm.mjs', pids), 'ignores', 2000, () => true);
    await host.start();
    expect(await host.call('encode', msg('one'))).toMatchObject({ kind: 'returned' });
    expect(await host.stop()).toEqual([
      'the testee did not exit within 2000 ms of its stdin closing, nor within 2000 ms of SIGTERM; it was killed (SIGKILL)',
    ]);
    expect(await gone(lines(pids)[0])).toBe(true);
    expect(host.stderr.join('')).toContain('SIGTERM? no, thanks');
  }, 300_000);

  it('a run of the CLI against such a testee ends, and the check passes', async () => {
    const pids = pidFile();
    const r = await cli(`exec:node ${FIXTURES}/ignores-eof-and-sigterm.mjs ${pids}`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/1 passed, 0 failed/);
    expect(r.code).toBe(0);
    for (const pid of lines(pids)) expect(await gone(pid), `testee ${pid}`).toBe(true);
  }, 300_000);

  it("a helper holding the testee's stdout dies with it (its process group), at a restart and at the stop", async () => {
    const pids = pidFile();
    const host = new ExecHost(fixture('helper-holds-stdout.mjs', pids), 'helper', 2000, () => true);
    await host.start();
    expect(await host.call('encode', msg('hang'))).toMatchObject({ kind: 'timeout', ms: 2000, confirmed: true });
    expect(await host.call('encode', msg('after'))).toMatchObject({ kind: 'returned' });
    expect(await host.stop()).toEqual([]);
    const [first, second] = lines(pids);
    expect(await gone(first), 'the helper of the testee that hung').toBe(true);
    expect(await gone(second), 'the helper of the testee that was stopped').toBe(true);
  }, 300_000);

  it("a helper out of the group's reach (a session of its own), holding stdout, does not keep the run alive", async () => {
    const pids = pidFile();
    const r = await cli(`exec:node ${FIXTURES}/helper-holds-stdout.mjs ${pids} own-session`);
    expect(r.stdout).toMatch(/1 passed, 0 failed/);
    expect(r.code).toBe(0);
    expect(lines(pids).length).toBeGreaterThan(0);
  }, 300_000);

  it('a testee that writes 100 MB to stderr: its calls are answered and only the end of what it wrote is kept', async () => {
    const host = new ExecHost(fixture('floods-stderr.mjs', '100'), 'floods', 60_000, () => true);
    await host.start();
    expect(await host.call('encode', msg('one'))).toMatchObject({ kind: 'returned' });
    expect(await host.stop()).toEqual([]);
    const kept = host.stderr.join('');
    expect(kept.length).toBeGreaterThanOrEqual(64 * 1024);
    expect(kept.length).toBeLessThanOrEqual(128 * 1024);
    expect(kept.endsWith('the last line of the flood\n')).toBe(true);
  }, 300_000);
});

describe('the start: one hello, the same at every restart', () => {
  const HELLO = {
    type: 'hello',
    protocol: 1,
    name: 'counts-starts',
    version: '1.0.0',
    wire: 'xml',
    operations: ['encode', 'decode', 'reply'],
  };

  it('start() resolves to the hello, and starts the testee once', async () => {
    const starts = pidFile();
    const host = new ExecHost(fixture('counts-starts.mjs', starts), 'counts', 2000, () => true);
    expect(await host.start()).toEqual(HELLO);
    expect(await host.call('encode', msg('one'))).toMatchObject({ kind: 'returned' });
    expect(await host.stop()).toEqual([]);
    expect(lines(starts)).toHaveLength(1);
  });

  it('a hang fails that call as a timeout; the testee is started again and the calls go on', async () => {
    const starts = pidFile();
    const host = new ExecHost(fixture('counts-starts.mjs', starts), 'counts', 1000, () => true);
    await host.start();
    // Suspected, restarted, tried again alone under the full limit: a hang, confirmed.
    expect(await host.call('encode', msg('hang'))).toMatchObject({ kind: 'timeout', ms: 1000, confirmed: true });
    expect(await host.call('encode', msg('after'))).toMatchObject({ kind: 'returned' });
    expect(host.restarts).toEqual([
      { check: '', reason: 'did not answer within 250 ms (to be confirmed)' },
      { check: '', reason: 'did not answer within 1000 ms' },
    ]);
    expect(await host.stop()).toEqual([]);
    expect(lines(starts)).toHaveLength(3);
  });

  it('a testee whose hello changes when it is started again fails the call in flight as crashed', async () => {
    const host = new ExecHost(fixture('counts-starts.mjs', pidFile(), 'changes-hello'), 'changes', 1000, () => true);
    expect(await host.start()).toMatchObject({ version: '1.0.1' });
    expect(await host.call('encode', msg('hang'))).toMatchObject({
      kind: 'timeout',
      confirmed: false,
      note: 'not confirmed: the testee could not be started again to try it alone',
    });
    const after = await host.call('encode', msg('after'));
    expect(after).toMatchObject({ kind: 'crashed' });
    expect((after as { reason: string }).reason).toMatch(
      /^said another hello when started again: expected the hello it said first, .*"version":"1\.0\.1".*, received .*"version":"1\.0\.2"/,
    );
    await host.stop();
  });

  it('a run without restarts starts the testee once: its hello comes from the host, not from a probe', async () => {
    const starts = pidFile();
    const r = await run({
      adapter: locateAdapter(`exec:node ${FIXTURES}/counts-starts.mjs ${starts}`, { cwd: ROOT }),
      checks: ['reject.encode.from'],
      runs: 5,
    });
    expect(r.adapter.name).toBe(HELLO.name);
    expect(lines(starts)).toHaveLength(1);
  });

  it('the start timeout is its own: a testee that says no hello is refused when it runs out, with the time waited', async () => {
    const pids = pidFile();
    const host = new ExecHost(fixture('says-no-hello.mjs', pids), 'silent', 600_000, () => true, 3000);
    await expect(host.start()).rejects.toThrow(/^adapter silent: said no hello line in \d+ ms \(its start timeout is 3000 ms\)$/);
    // Killed: on a slow start it may not have got as far as noting its pid.
    for (const pid of lines(pids)) expect(await gone(pid)).toBe(true);
  }, 300_000);
});

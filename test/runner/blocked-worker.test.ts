/**
 * A codec that blocks its worker thread outside JavaScript, where
 * worker.terminate() cannot reach it: the run still ends. One blocked in a
 * synchronous wait for a process it started is released (the process is
 * killed) and its calls are hangs like any other; one blocked in a system
 * call nothing can end makes the run an error, and the process ends itself
 * once its reports are written. The CLI runs as a child process here, in a
 * process group of its own: a thread that cannot be stopped would keep the
 * test's own process from ending.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, scratch } from '../helpers/cli.js';

const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'github', name);

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** It was still running after the test's own deadline, and was killed with its group. */
  hung: boolean;
}

/** The CLI with `args` in `cwd`, to its end; past `deadline` ms, killed with its process group (and read as hung). */
function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv, deadline: number): Promise<Ended> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), ...args], { cwd, env, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, deadline);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // what it started dies with it, whatever the test finds
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // none left
      }
      done({ code, signal, stdout, stderr, hung });
    });
  });
}

const env = { PATH: process.env.PATH, HOME: process.env.HOME };
const report = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
// Far past what any of these runs needs: a run still going then has hung.
const DEADLINE = 240_000;

describe('a codec blocked outside JavaScript', () => {
  it('in a synchronous wait for a process it started: the process is killed, the call is a hang, the run ends as a failure', async () => {
    const dir = scratch('blocked-spawn');
    const args = ['--adapter', fixture('blocks-in-spawn-sync.ts'), '--check', 'reject.encode.from', '--runs', '1'];
    const r = await cli([...args, '--reporter', 'console', '--reporter', `json:${join(dir, 'report.json')}`], dir, env, DEADLINE);
    expect(r.hung, r.stdout + r.stderr).toBe(false);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const check = report(dir).adapters[0].checks[0];
    expect(check).toMatchObject({ id: 'reject.encode.from', status: 'failed', failure: { code: 'timeout' } });
    expect(check.failure.message).toMatch(/did not return within 2000 ms/);
  });

  it('in a system call nothing ends: the run is an error saying so, and the process ends itself once its reports are written', async () => {
    const dir = scratch('blocked-fifo');
    const fifo = join(dir, 'nobody-writes-here');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const args = ['--adapter', fixture('blocks-in-open-fifo.ts'), '--check', 'reject.encode.from', '--runs', '1'];
    const r = await cli(
      [...args, '--reporter', 'console', '--reporter', `json:${join(dir, 'report.json')}`],
      dir,
      { ...env, CONFORMANCE_TEST_FIFO: fifo },
      DEADLINE,
    );
    expect(r.hung, r.stdout + r.stderr).toBe(false);
    expect(r.signal).toBe('SIGKILL');
    expect(r.stderr).toMatch(/1 worker thread of the codec could not be stopped .*it ends itself with SIGKILL/);
    const written = report(dir);
    expect(written).toMatchObject({ outcome: 'error', exitCode: 2, adapters: [] });
    expect(written.errors).toEqual([
      {
        specifier: fixture('blocks-in-open-fifo.ts'),
        message: expect.stringMatching(
          /^adapter \S+: its worker thread could not be stopped within 30000 ms after it did not return within \d+ ms/,
        ),
      },
    ]);
  });
});

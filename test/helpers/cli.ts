import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/program.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FAULTS = join(ROOT, 'test', 'fixtures', 'faults');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process, as `conformance args` run in `cwd`, capturing what it prints. */
export async function runCli(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) => ({ write: (s: string) => (add(s), true) }) as unknown as NodeJS.WritableStream;
  const code = await main(args, { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)), env, cwd });
  return { code, stdout, stderr };
}

/** A fresh empty directory. */
export const scratch = (name: string) => mkdtempSync(join(tmpdir(), `conformance-${name}-`));

/**
 * Runs `file args` as a child process to its end: its exit code (1 when a
 * signal ended it) and what it printed. With `timeout`, a process still
 * running after that many ms is killed (SIGKILL) and reads as code 1.
 */
export function runProcess(
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeout?: number },
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(file, args, { ...options, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

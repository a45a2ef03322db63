/**
 * The gate step of the composite action (action.yml): reads the action's
 * inputs from the environment (never from the workflow's text), runs the
 * CLI of this package, and sets every output from the exit code and the JSON
 * report, whether the gate passed, failed or could not run, before the step
 * ends with the CLI's exit code.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as core from '@actions/core';
import { reportSchema, type Report } from '../reports/json-format.js';
import { ConformanceError } from '../adapters/errors.js';
import { DEFAULT_REPORT_DIR, parseReporterSpec, REPORTERS, type ReporterSpec } from '../reports/registry.js';

/** The action's outputs, by name. */
export interface ActionOutputs {
  verdict: 'passed' | 'failed' | 'error';
  'exit-code': string;
  passed: string;
  failed: string;
  skipped: string;
  expected: string;
  'report-dir': string;
}

/** Why the inputs cannot make a command line. */
export class InputError extends Error {}

const words = (text: string) => text.split(/\s+/).filter((w) => w.length > 0);
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

function flag(name: string, value: string): string[] {
  return value === '' ? [] : [`--${name}`, value];
}

function booleanInput(name: string, value: string): boolean {
  if (value === '' || /^(false|False|FALSE)$/.test(value)) return false;
  if (/^(true|True|TRUE)$/.test(value)) return true;
  throw new InputError(`input ${name}: ${JSON.stringify(value)}, expected true or false`);
}

/** The inputs as the action passes them: INPUT_<NAME> with `-` as `_` (what core.getInput reads). */
export function readInputs(env: NodeJS.ProcessEnv): Record<string, string> {
  const names = ['adapter', 'config', 'expected-failures', 'strict', 'seed', 'runs', 'check', 'reporters'];
  return Object.fromEntries(names.map((n) => [n, (env[`INPUT_${n.replace(/-/g, '_').toUpperCase()}`] ?? '').trim()]));
}

/** One reporter of the reporters input, parsed as the CLI parses `--reporter` (its message said of the input). */
function reporterSpec(text: string, cwd: string): ReporterSpec {
  try {
    return parseReporterSpec(text, cwd);
  } catch (e) {
    if (!(e instanceof ConformanceError)) throw e;
    const flag = `--reporter ${JSON.stringify(text)}: `;
    const why = e.message.startsWith(flag) ? e.message.slice(flag.length) : e.message;
    throw new InputError(`input reporters: ${JSON.stringify(text)}, ${why}`);
  }
}

/**
 * The CLI's arguments for `inputs`, and where its JSON report goes (always
 * written: the outputs are read from it). A reporter list that names json
 * keeps its path; one that does not gets json in the report directory.
 */
export function commandLine(inputs: Record<string, string>, cwd: string): { args: string[]; json: string; reportDir: string } {
  const reportDir = resolve(cwd, DEFAULT_REPORT_DIR);
  const reporters = words(inputs.reporters ?? '');
  const specs = reporters.map((r) => reporterSpec(r, cwd));
  const json = specs.find((s) => s.name === 'json' && !s.module)?.file;
  if (!json) reporters.push(`json:${join(reportDir, REPORTERS.json!.file!)}`);
  for (const name of ['seed', 'runs'] as const) {
    if (inputs[name] && !/^(\d+|random)$/.test(inputs[name]!))
      throw new InputError(`input ${name}: ${JSON.stringify(inputs[name])}, expected a number`);
  }
  const args = [
    ...lines(inputs.adapter ?? '').flatMap((a) => ['--adapter', a]),
    ...flag('config', inputs.config ?? ''),
    ...flag('expected-failures', inputs['expected-failures'] ?? ''),
    ...(booleanInput('strict', inputs.strict ?? '') ? ['--strict'] : []),
    ...flag('seed', inputs.seed ?? ''),
    ...flag('runs', inputs.runs ?? ''),
    ...lines(inputs.check ?? '').flatMap((c) => ['--check', c]),
    ...reporters.flatMap((r) => ['--reporter', r]),
  ];
  return { args, json: json ?? join(reportDir, REPORTERS.json!.file!), reportDir };
}

/** The JSON report at `file`, when there is one this tool wrote. */
function readReport(file: string): Report | undefined {
  try {
    const parsed = reportSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The outputs of a gate that ended with `code` and left `report` (if any).
 * A pass counts only with a report that says so: exit 0 without one is an
 * error, never a pass.
 */
export function outputsOf(
  code: number | null,
  report: Report | undefined,
  reportDir: string,
): { outputs: ActionOutputs; exitCode: number } {
  const sum = (k: 'passed' | 'failed' | 'skipped' | 'expectedFailures') =>
    String(report?.adapters.reduce((n, a) => n + a.summary[k], 0) ?? 0);
  const agrees = report !== undefined && report.exitCode === code;
  const verdict = code === 0 && agrees && report.outcome === 'passed' ? 'passed' : code === 1 ? 'failed' : 'error';
  const exitCode = verdict === 'passed' ? 0 : verdict === 'failed' ? 1 : code !== null && code > 1 ? code : 2;
  return {
    exitCode,
    outputs: {
      verdict,
      'exit-code': String(exitCode),
      passed: sum('passed'),
      failed: sum('failed'),
      skipped: sum('skipped'),
      expected: sum('expectedFailures'),
      'report-dir': reportDir,
    },
  };
}

function setOutputs(o: ActionOutputs): void {
  for (const [k, v] of Object.entries(o)) core.setOutput(k, v);
}

/** Runs the CLI of this package with the arguments; resolves with its exit code (null when a signal ended it). */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<number | null> {
  const main = join(import.meta.dirname, 'main.js');
  return new Promise((done) => {
    const child = spawn(process.execPath, [main, ...args], { stdio: 'inherit', env });
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
    child.on('error', () => done(null));
    child.on('exit', (code) => done(code));
  });
}

async function main(): Promise<number> {
  const cwd = process.cwd();
  let line: ReturnType<typeof commandLine>;
  try {
    line = commandLine(readInputs(process.env), cwd);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    core.error(e.message, { title: 'stanza-conformance' });
    const { outputs, exitCode } = outputsOf(2, undefined, resolve(cwd, DEFAULT_REPORT_DIR));
    setOutputs(outputs);
    return exitCode;
  }
  // The files a step writes its outputs, environment and path to are this step's, not the codec's: the CLI (and the codec
  // it runs) gets no name of them. A codec that finds them by other means is not stopped: the action is a gate, not a sandbox.
  const { GITHUB_OUTPUT: _o, GITHUB_ENV: _e, GITHUB_PATH: _p, GITHUB_STATE: _s, ...childEnv } = process.env;
  const code = await runCli(line.args, childEnv);
  const { outputs, exitCode } = outputsOf(code, readReport(line.json), line.reportDir);
  if (outputs.verdict === 'error' && code === 0)
    core.error(`the gate exited 0 but left no JSON report at ${line.json} that says it passed`, { title: 'stanza-conformance' });
  setOutputs(outputs);
  return exitCode;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      // even a crash of this step sets every output: a later step reads an error, never nothing
      core.error(`stanza-conformance action: ${(e as Error)?.message ?? String(e)}`, { title: 'stanza-conformance' });
      setOutputs(outputsOf(2, undefined, resolve(DEFAULT_REPORT_DIR)).outputs);
      process.exit(2);
    },
  );
}

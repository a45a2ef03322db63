/**
 * The gate step of the composite action (action.yml): reads the action's
 * inputs from the environment (never from the workflow's text), runs the
 * CLI of this package, and sets every output from the exit code and the JSON
 * report, whether the gate passed, failed or could not run, before the step
 * ends with the CLI's exit code.
 *
 * The codec under test runs in the CLI and may do anything there. So the
 * verdict, the annotations and the job summary are this process's: what the
 * CLI prints reaches the log inside a stop-commands region (action-gate.ts),
 * never as a workflow command; the github reporter runs here, on the JSON
 * report; the CLI is given no name of the step's command files, and any of
 * them it writes to anyway is put back (action-files.ts). The CLI runs in a
 * process group of its own, killed when it ends, so nothing it started is
 * left to write once this step has set its outputs. The gate is not a
 * sandbox: the codec runs with the job's permissions.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as core from '@actions/core';
import { boundedSummary, githubReporter } from '../reports/github.js';
import { reportSchema, type Report } from '../reports/json-format.js';
import { sessionFromReport } from '../reports/json-session.js';
import { cell, code } from '../reports/markdown.js';
import { TOOL } from '../runner/version.js';
import { keepStepFiles, restoreStepFiles, withoutStepFiles } from './action-files.js';
import { closeCommands, DRAIN_LIMIT_MS, runGate, type GateEnd } from './action-gate.js';
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
  const names = ['adapter', 'config', 'expected-failures', 'strict', 'seed', 'runs', 'check', 'reporters', 'time-limit'];
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

/** What the step runs, and what it writes itself. */
export interface CommandLine {
  /** The CLI's arguments. */
  args: string[];
  /** Where its JSON report goes. */
  json: string;
  reportDir: string;
  /** Whether the reporters input names github: this step annotates and writes the job summary, from the JSON report. */
  github: boolean;
  /** The time-limit input, in minutes as given, and in milliseconds. */
  timeLimit: { minutes: string; ms: number };
}

/** The time-limit input's default, in minutes. */
export const DEFAULT_TIME_LIMIT_MINUTES = '30';

/** The most minutes a time limit may be: a timer of Node holds at most 2^31-1 ms (24.8 days). */
const MAX_TIME_LIMIT_MINUTES = 35_000;

function timeLimitInput(value: string): CommandLine['timeLimit'] {
  const minutes = value === '' ? DEFAULT_TIME_LIMIT_MINUTES : value;
  const n = /^\d+(\.\d+)?$/.test(minutes) ? Number(minutes) : NaN;
  if (!(n > 0 && n <= MAX_TIME_LIMIT_MINUTES))
    throw new InputError(
      `input time-limit: ${JSON.stringify(value)}, expected a number of minutes greater than 0 and at most ${MAX_TIME_LIMIT_MINUTES}`,
    );
  return { minutes, ms: Math.max(1, Math.round(n * 60_000)) };
}

/**
 * The CLI's arguments for `inputs`, and where its JSON report goes (always
 * written: the outputs are read from it). A reporter list that names json
 * keeps its path; one that does not gets json in the report directory. The
 * github reporter is not passed on: this step runs it, on the JSON report.
 */
export function commandLine(inputs: Record<string, string>, cwd: string): CommandLine {
  const reportDir = resolve(cwd, DEFAULT_REPORT_DIR);
  const given = words(inputs.reporters ?? '');
  const specs = given.map((r) => reporterSpec(r, cwd));
  // github is this step's to write: the CLI it runs (and the codec in it) neither annotates nor touches the job summary
  const github = specs.some((s) => s.name === 'github' && !s.module);
  const reporters = given.filter((_, i) => !(specs[i]!.name === 'github' && !specs[i]!.module));
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
  return {
    args,
    json: json ?? join(reportDir, REPORTERS.json!.file!),
    reportDir,
    github,
    timeLimit: timeLimitInput(inputs['time-limit'] ?? ''),
  };
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
 * error, never a pass. A run the step does not believe (`distrusted`: it
 * wrote to the step's files, or left a process behind) is an error whatever
 * it says.
 */
export function outputsOf(
  code: number | null,
  report: Report | undefined,
  reportDir: string,
  distrusted = false,
): { outputs: ActionOutputs; exitCode: number } {
  const sum = (k: 'passed' | 'failed' | 'skipped' | 'expectedFailures') =>
    String(report?.adapters.reduce((n, a) => n + a.summary[k], 0) ?? 0);
  const agrees = report !== undefined && report.exitCode === code;
  const verdict = distrusted ? 'error' : code === 0 && agrees && report.outcome === 'passed' ? 'passed' : code === 1 ? 'failed' : 'error';
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

const TITLE = { title: 'stanza-conformance' };

/** The job summary of a run this step does not believe, or that left no report to read: the step's own words, none of the run's. */
function untrustedSummary(why: readonly string[], reportDir: string): string {
  return [
    `## ${TOOL.name} ${TOOL.version}: 💥 **the run could not be completed**`,
    '',
    ...why.map((w) => `- ${cell(w)}`),
    '',
    `The file reports the run wrote, if any, are in ${code(reportDir)}.`,
    '',
  ].join('\n');
}

/**
 * Annotations and the job summary, in this process, from what this step
 * knows: with a report it believes, the github reporter's, on the session
 * the report was written from; else one error for each thing that went wrong
 * (always, whichever reporters were asked for) and a summary saying so.
 */
async function speak(line: CommandLine, report: Report | undefined, why: readonly string[]): Promise<void> {
  const summary = !!process.env.GITHUB_STEP_SUMMARY;
  if (why.length > 0) {
    for (const w of why) core.error(w, TITLE);
    if (line.github && summary) await core.summary.addRaw(boundedSummary(untrustedSummary(why, line.reportDir)), true).write();
    return;
  }
  if (line.github && report) await githubReporter({ env: process.env }).onSessionEnd!(sessionFromReport(report));
}

/** The most processes named one by one in the step's words; past them, a count. */
const PIDS_NAMED = 10;

/**
 * What makes the step disbelieve a run whatever it says: it passed its time
 * limit, it left a process behind or its output held open, it wrote to a
 * step file.
 */
function distrust(end: GateEnd, changed: readonly string[], line: CommandLine): string[] {
  const late = end.timedOut
    ? [
        `the gate did not finish within its time limit of ${line.timeLimit.minutes} minutes (input time-limit): it was stopped, with every process it started`,
      ]
    : [];
  const why = end.outlived
    .slice(0, PIDS_NAMED)
    .map(
      (pid) =>
        `a process the codec started (pid ${pid}) outlived the CLI, out of its process group, holding its output or the step's open: it was killed; the run is not believed`,
    );
  if (end.outlived.length > PIDS_NAMED) why.push(`and ${end.outlived.length - PIDS_NAMED} more such processes, killed too`);
  if (end.heldOpen)
    why.push(
      `the CLI's output was still held open ${DRAIN_LIMIT_MS / 1000} s after it ended, by a process this step could not find or stop; the run is not believed`,
    );
  return [...late, ...why, ...changed];
}

/** What went wrong with a run that ended as `end` with `report`, in this step's words (nothing when the report can be believed). */
function faults(end: GateEnd, report: Report | undefined, line: CommandLine): string[] {
  if (end.timedOut) return [];
  // A CLI that ended itself with the reports written (a codec's worker it could not stop, cli/main.ts) says why in them:
  // a report of exit 2 is believed as far as it goes, since it can only make the verdict an error.
  if (end.signal === 'SIGKILL' && report?.exitCode === 2) return [];
  if (end.error) return [`the gate could not be started: ${end.error}`];
  if (end.code === null) return [`the gate was ended by ${end.signal ?? 'a signal'} before it finished`];
  if (!report) return [`the gate exited ${end.code} and left no JSON report at ${line.json}; the log above says why`];
  if (report.exitCode !== end.code)
    return [`the gate exited ${end.code}, but the JSON report at ${line.json} says ${report.exitCode}: it is not this run's`];
  return [];
}

async function main(): Promise<number> {
  const cwd = process.cwd();
  let line: CommandLine;
  try {
    line = commandLine(readInputs(process.env), cwd);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    core.error(e.message, TITLE);
    const { outputs, exitCode } = outputsOf(2, undefined, resolve(cwd, DEFAULT_REPORT_DIR));
    setOutputs(outputs);
    return exitCode;
  }
  // The files the step writes its outputs, environment, path, state and summary to are this step's, not the codec's:
  // the CLI (and the codec it runs) gets no name of them, and whatever finds them anyway has its writes undone.
  const kept = keepStepFiles(process.env);
  const end = await runGate(process.execPath, [join(import.meta.dirname, 'main.js'), ...line.args], withoutStepFiles(process.env), {
    timeLimitMs: line.timeLimit.ms,
  });
  // The run, its process group and whatever held its output are gone now: the files are put back before the step writes to them.
  const untrusted = distrust(end, restoreStepFiles(kept), line);
  const report = readReport(line.json);
  const { outputs, exitCode } = outputsOf(end.code, report, line.reportDir, untrusted.length > 0);
  await speak(line, report, [...untrusted, ...faults(end, report, line)]);
  // the outputs last, once nothing the run started is left to write after them
  setOutputs(outputs);
  closeCommands();
  return exitCode;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      // even a crash of this step sets every output: a later step reads an error, never nothing
      core.error(`stanza-conformance action: ${(e as Error)?.message ?? String(e)}`, TITLE);
      setOutputs(outputsOf(2, undefined, resolve(DEFAULT_REPORT_DIR)).outputs);
      process.exit(2);
    },
  );
}

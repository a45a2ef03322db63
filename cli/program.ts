import { Command, CommanderError, Option } from 'commander';
import { loadAdapter } from '../adapters/loader.js';
import { ConformanceError } from '../adapters/errors.js';
import { reasonList, ReasonExtensionError } from '../spec/index.js';
import { REJECT_SUITE } from '../suites/index.js';
import { DEFAULT_RUNS, DEFAULT_SEED, DEFAULT_TIMEOUT_MS, exitCodeOf, run, selectChecks, TOOL } from '../runner/index.js';
import { consoleReporter } from '../reports/index.js';
import { listChecks } from './list.js';
import { parsePath, parseSeed, positiveInt } from './options.js';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

function program(io: CliIo): Command {
  return new Command('conformance')
    .description('Conformance gate for WhatsApp-Web-protocol call/reject codecs.')
    .version(TOOL.version, '-V, --version')
    .addOption(new Option('-a, --adapter <spec>', 'adapter module (./mine, ./mine.ts, a directory) or built-in name (reference, reference-node); repeatable').argParser(collect))
    .addOption(new Option('-r, --runs <n>', `generated cases per check (default ${DEFAULT_RUNS})`))
    .addOption(new Option('-s, --seed <n|random>', `seed for the whole run (default ${DEFAULT_SEED}, fixed so a gate is reproducible)`))
    .addOption(new Option('-c, --check <glob>', 'run only checks whose id matches; repeatable or comma-separated').argParser(collect))
    .addOption(new Option('--path <path>', 'replay exactly one case of one check (printed in reproduce commands)'))
    .addOption(new Option('-t, --timeout <ms>', `milliseconds one codec call may take (default ${DEFAULT_TIMEOUT_MS})`))
    .addOption(new Option('--extra-reason <reason>', 'extend enum:terminate-reasons with a value seen in captures; repeatable').argParser(collect))
    .option('--strict', 'make should-level failures gate too')
    .option('-l, --list', 'list the checks (id, level, wire forms, title) and exit')
    .addHelpText('after', '\nExit codes: 0 every gating check passed; 1 a gating check failed; 2 the run could not be made.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .helpOption('-h, --help', 'show this help');
}

interface Flags {
  adapter?: string[];
  runs?: string;
  seed?: string;
  check?: string[];
  path?: string;
  timeout?: string;
  extraReason?: string[];
  strict?: boolean;
  list?: boolean;
}

async function execute(flags: Flags, io: CliIo): Promise<number> {
  const checks = flags.check ?? [];
  if (flags.list) {
    io.stdout.write(`${listChecks(selectChecks(REJECT_SUITE, checks))}\n`);
    return 0;
  }
  const specifiers = flags.adapter ?? [];
  if (specifiers.length === 0) {
    throw new ConformanceError('bad_option', 'no adapter: expected --adapter ./your-adapter (or a built-in: reference, reference-node); see --help');
  }
  let reasons;
  try {
    reasons = reasonList(flags.extraReason ?? []);
  } catch (e) {
    if (e instanceof ReasonExtensionError) throw new ConformanceError('bad_option', `--extra-reason: ${e.message}`);
    throw e;
  }
  const runs = flags.runs === undefined ? DEFAULT_RUNS : positiveInt('--runs', flags.runs);
  const timeoutMs = flags.timeout === undefined ? DEFAULT_TIMEOUT_MS : positiveInt('--timeout', flags.timeout, 3_600_000);
  const { seed, random } = flags.seed === undefined ? { seed: DEFAULT_SEED, random: false } : parseSeed(flags.seed);
  const path = flags.path === undefined ? undefined : parsePath(flags.path);
  const selected = selectChecks(REJECT_SUITE, checks);
  const loaded = [];
  for (const s of specifiers) loaded.push(await loadAdapter(s, { cwd: io.cwd, reasons }));
  let worst = 0;
  for (const adapter of loaded) {
    const reporter = consoleReporter({ stream: io.stdout, env: io.env });
    const a = adapter.adapter;
    reporter.onRunStart?.({
      tool: TOOL, seed, seedWasRandom: random, runs, checks: selected.length,
      adapter: { name: a.name, ...(a.version ? { version: a.version } : {}), wire: a.wire ?? 'xml', specifier: adapter.specifier },
    });
    const result = await run({
      adapter, seed, runs, timeoutMs, reasons, checks,
      ...(path !== undefined ? { path } : {}),
      gatingLevels: flags.strict ? ['must', 'should'] : ['must'],
      onCheckStart: (c, i, n) => reporter.onCheckStart?.(c, i, n),
      onCheckEnd: (r, i, n) => reporter.onCheckEnd?.(r, i, n),
    });
    await reporter.onRunEnd?.(result);
    worst = Math.max(worst, exitCodeOf(result));
    if (loaded.length > 1) io.stdout.write('\n');
  }
  return worst;
}

/**
 * The `conformance` command: parses `argv`, runs, reports, and returns the
 * exit code (CONTRACT.md). Never throws: a run that cannot be made prints a
 * one-line reason and returns 2.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const cmd = program(io);
  try {
    cmd.parse([...argv], { from: 'user' });
    return await execute(cmd.opts<Flags>(), io);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      io.stderr.write('(see conformance --help)\n');
      return 2;
    }
    if (e instanceof ConformanceError) {
      io.stderr.write(`conformance: ${e.message}\n`);
      return 2;
    }
    const text = e instanceof Error ? e.message : String(e);
    io.stderr.write(`conformance: internal error: ${text}\n(set CONFORMANCE_DEBUG=1 for the stack trace; please report it)\n`);
    if (io.env.CONFORMANCE_DEBUG) io.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
    return 2;
  }
}

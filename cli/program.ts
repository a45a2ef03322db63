import { Command, CommanderError, Option } from 'commander';
import { ConformanceError } from '../adapters/errors.js';
import { DEFAULT_MEMORY_LIMIT_MB, DEFAULT_RUNS, DEFAULT_SEED, DEFAULT_START_TIMEOUT_MS, DEFAULT_TIMEOUT_MS } from '../runner/defaults.js';
import { TOOL } from '../runner/version.js';
import { visible } from '../reports/_internals/visible.js';
import type { EvidenceFlags } from './evidence.js';
import type { Flags } from './resolve-options.js';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const append = (value: string, previous: string[] = []) => [...previous, value];
const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];

/** What the command line asks for: the suite run (the root command), or `evidence`. */
type Chosen = { command: 'suite' } | { command: 'evidence'; files: string[]; flags: EvidenceFlags };

const EVIDENCE_HELP = `
Input: XML stanzas, one per line or separated by blank lines (a line that begins
with white space, </ or > goes on with the stanza above it), or JSON lines of node
objects ({"tag":"call","attrs":{...},"content":[...]}, one per line). .xml and
.txt files are XML, .jsonl and .ndjson JSON lines; any other file is told by its
first non-blank character (< or {). A line or stanza may be at most 1 MiB.

Exit codes: 0 the evidence report was made (evidence informs, it does not gate);
2 a capture could not be read (file:line says where and what was expected) or
an option is wrong.`;

function program(io: CliIo, chosen: (c: Chosen) => void, entered: (name: string) => void): Command {
  const root = new Command('conformance')
    .description('Conformance gate for WhatsApp-Web-protocol call/reject codecs.')
    .version(TOOL.version, '-V, --version')
    .addOption(
      new Option(
        '-a, --adapter <spec>',
        'adapter module (./mine, ./mine.ts, a directory) or built-in name (reference, reference-node, baileys), or exec:COMMAND for a codec in any language; repeatable',
      ).argParser(append),
    )
    .addOption(new Option('-r, --runs <n>', `generated cases per check (default ${DEFAULT_RUNS})`))
    .addOption(new Option('-s, --seed <n|random>', `seed for the whole run (default ${DEFAULT_SEED}, fixed so a gate is reproducible)`))
    .addOption(new Option('-c, --check <glob>', 'run only checks whose id matches; repeatable or comma-separated').argParser(collect))
    .addOption(new Option('--path <path>', 'replay exactly one case of one check (printed in reproduce commands)'))
    .addOption(new Option('--kind <name>', 'with --path: the case is one of this kind of input (printed in reproduce commands)'))
    .addOption(
      new Option(
        '-t, --timeout <ms>',
        `milliseconds one codec call may take; a call past it is tried again alone before it counts as a hang (default ${DEFAULT_TIMEOUT_MS})`,
      ),
    )
    .addOption(
      new Option(
        '--start-timeout <ms>',
        `milliseconds the adapter may take to load and set up, each time it starts; never charged to a call (default ${DEFAULT_START_TIMEOUT_MS})`,
      ),
    )
    .addOption(
      new Option(
        '--memory-limit <mb>',
        `heap limit of the isolated codec in MB; past it, the call in flight crashed (default ${DEFAULT_MEMORY_LIMIT_MB})`,
      ),
    )
    .addOption(
      new Option(
        '--corpus <dir>',
        'replay the stanza files of DIR (valid/, invalid/, reply/; README: Corpus) before any generated case, after the corpus this package ships; repeatable',
      ).argParser(append),
    )
    .addOption(
      new Option(
        '--save-failures <dir>',
        'write each failing case as a corpus file into DIR (valid/, invalid/, reply/), so replaying DIR with --corpus keeps it tested',
      ),
    )
    .addOption(
      new Option('--extra-reason <reason>', 'extend enum:terminate-reasons with a value seen in captures; repeatable').argParser(collect),
    )
    .option(
      '--diff',
      'with two or more --adapter: also run the same generated inputs through every codec and report each disagreement between their answers, by meaning; informational: it fails the run only with --diff-gate',
    )
    .option('--diff-gate', 'a disagreement between the codecs fails the run (exit 1); implies --diff')
    .option('--strict', 'make should-level failures gate too')
    .option('--no-isolation', 'run the codec in this process: faster, but a codec that hangs or exits takes the run with it')
    .addOption(
      new Option(
        '--reporter <name[:path]>',
        'console (default; with github under GitHub Actions), json, junit, markdown, html, github (annotations and the job summary), or a reporter module; file reporters write to PATH or ./conformance-report/; repeatable',
      ).argParser(append),
    )
    .addOption(
      new Option(
        '--expected-failures <file>',
        'YAML or JSON: check ids expected to fail, per adapter name; listed failures do not gate, listed passes are stale and do',
      ),
    )
    .option('--update-expected-failures', 'write the --expected-failures file from this run')
    .addOption(
      new Option('--config <file>', 'config file (default: conformance.config.{ts,mjs,js,json} found from the working directory up)'),
    )
    .option(
      '-l, --list',
      "list the checks (id, level, wire forms, title), then each check's kinds of input (with --extra-reason, the extended reasons'), and exit",
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 every gating check passed; 1 a gating check failed or an expected failure is stale; 2 the run could not be made.\n' +
        'conformance evidence FILE... reports what captured stanzas say against the spec (see conformance evidence --help).',
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .helpOption('-h, --help', 'show this help')
    .helpCommand(false)
    // Listed as `evidence <file...>`: short enough that the options' column of --help stays as it was.
    .configureHelp({
      subcommandTerm: (c) => `${c.name()} ${c.registeredArguments.map((a) => `<${a.name()}${a.variadic ? '...' : ''}>`).join(' ')}`,
    })
    // The root's options stand before `evidence`, never after it: there, --reporter and --extra-reason are evidence's own.
    .enablePositionalOptions()
    .hook('preSubcommand', (_root, sub) => entered(sub.name()))
    .action(() => chosen({ command: 'suite' }));
  root
    .command('evidence')
    .description(
      "Report what captured stanzas say against the spec model: the kinds of stanza, the rejects' attributes, reasons and JID shapes, which stanzas a conforming decoder refuses (per suite check), and what they say on the page's three open questions.",
    )
    .argument(
      '<file...>',
      'capture files: XML stanzas (.xml, .txt) or JSON lines of node objects (.jsonl, .ndjson); another name is told by its first non-blank character',
    )
    .addOption(
      new Option('--extra-reason <reason>', 'extend enum:terminate-reasons with a value, as the suite run does; repeatable').argParser(
        collect,
      ),
    )
    .addOption(
      new Option(
        '--reporter <name[:path]>',
        'console (default), json or markdown; json and markdown write to PATH or ./conformance-report/evidence.{json,md}; repeatable',
      ).argParser(append),
    )
    .addHelpText('after', EVIDENCE_HELP)
    .action((files: string[], flags: EvidenceFlags) => chosen({ command: 'evidence', files, flags }));
  return root;
}

/** The root's flags given before `evidence`: they belong to the suite run. */
function suiteFlagsGiven(flags: Flags): string[] {
  return Object.entries(flags)
    .filter(([k, v]) => v !== undefined && !(k === 'isolation' && v === true))
    .map(([k, v]) => (k === 'isolation' ? '--no-isolation' : `--${k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`));
}

// The suite, the runner and the reporters load only when needed: --help and
// --version stay as fast as node itself allows (npm run bench measures it).
async function execute(flags: Flags, io: CliIo): Promise<number> {
  if (flags.list) {
    const [{ REJECT_SUITE }, { selectChecks }, { listChecks, listKinds }, { extendedReasons }, { readCorpusFolders }] = await Promise.all([
      import('../suites/index.js'),
      import('../runner/select.js'),
      import('./list.js'),
      import('./options.js'),
      import('../runner/corpus.js'),
    ]);
    const checks = selectChecks(REJECT_SUITE, flags.check ?? []);
    const reasons = extendedReasons(flags.extraReason ?? [], '--extra-reason');
    const { corpus } = readCorpusFolders(flags.corpus, reasons, { cwd: io.cwd });
    io.stdout.write(`${listChecks(checks)}\n\n${listKinds(checks, reasons, corpus)}\n`);
    return 0;
  }
  const [{ resolveOptions }, { runSession }] = await Promise.all([import('./resolve-options.js'), import('./session.js')]);
  return runSession(await resolveOptions(flags, io.cwd, io.env), io);
}

/**
 * The `conformance` command: parses `argv`, runs, reports, and returns the
 * exit code (docs/contract.md). Never throws: a run that cannot be made prints a
 * one-line reason and returns 2.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let chosen = { command: 'suite' } as Chosen;
  let sub = '';
  const cmd = program(
    io,
    (c) => (chosen = c),
    (name) => (sub = ` ${name}`),
  );
  try {
    cmd.parse([...argv], { from: 'user' });
    if (chosen.command === 'suite') return await execute(cmd.opts<Flags>(), io);
    const given = suiteFlagsGiven(cmd.opts<Flags>());
    if (given.length > 0) {
      throw new ConformanceError(
        'bad_option',
        `${given.join(', ')} before evidence: expected conformance evidence [--extra-reason REASON] [--reporter NAME[:PATH]] FILE... (the suite's options do not apply to it)`,
      );
    }
    const { runEvidence } = await import('./evidence.js');
    return runEvidence(chosen.files, chosen.flags, io);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      io.stderr.write(`(see conformance${sub} --help)\n`);
      return 2;
    }
    if (e instanceof ConformanceError) {
      io.stderr.write(`conformance: ${visible(e.message)}\n`);
      return 2;
    }
    const text = e instanceof Error ? e.message : String(e);
    io.stderr.write(`conformance: internal error: ${visible(text)}\n(set CONFORMANCE_DEBUG=1 for the stack trace; please report it)\n`);
    if (io.env.CONFORMANCE_DEBUG) io.stderr.write(`${visible(e instanceof Error ? (e.stack ?? '') : '', { newlines: true })}\n`);
    return 2;
  }
}

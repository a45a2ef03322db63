import { isLoadedCorpus, readCorpusFolders, type CorpusOption, type LoadedCorpus } from '../corpus.js';
import type { Corpus } from '../../suites/index.js';
import fc from 'fast-check';
import { taggedKinds } from '../../arbitraries/kinds.js';
import type { Operation } from '../../adapters/contract.js';
import { ConformanceError } from '../../adapters/errors.js';
import type { AdapterSource, LoadedAdapter } from '../../adapters/loader.js';
import { reasonList, type ReasonList } from '../../spec/index.js';
import type { Outcome } from '../../suites/index.js';
import { BOUNDS, boundText, boundValue } from '../bound.js';
import { DEFAULT_MEMORY_LIMIT_MB, DEFAULT_RUNS, DEFAULT_SEED, DEFAULT_START_TIMEOUT_MS, DEFAULT_TIMEOUT_MS } from '../defaults.js';
import { CANCELLED_REASON, type CodecHost, type HostedAdapter } from '../hosts/host.js';
import { startHost } from '../hosts/start.js';
import { INCIDENT_STREAK_LIMIT } from '../incidents.js';
import { checkIntrinsics } from '../intrinsics.js';
import { drawnKinds } from '../kinds.js';
import { drawCases, type Case } from '../run-check.js';
import { differenceOf, type Difference, type ReadAnswer } from './compare.js';
import { PROBES, type Probe, type ProbedCodec } from './probes.js';
import { MAX_DISAGREEMENTS_SHOWN, type ComparedOperation, type DiffAdapter, type DiffResult, type Disagreement } from './result.js';

/** What to compare: two or more adapters, and the run's bounds (the same as a conformance run's). */
export interface DiffOptions {
  adapters: readonly (AdapterSource | LoadedAdapter)[];
  seed?: number;
  /** Random cases per operation, after each kind's own first case. */
  runs?: number;
  timeoutMs?: number;
  startTimeoutMs?: number;
  memoryLimitMb?: number;
  reasons?: ReasonList;
  /** Run each codec in a worker thread (default: yes, for adapters loaded from a module or built in). */
  isolation?: boolean;
  /** Corpus folders whose files are compared first, after the shipped corpus (as RunOptions.corpus). */
  corpus?: readonly CorpusOption[] | LoadedCorpus;
  /** Compare the shipped corpus's files too (default: yes). */
  shippedCorpus?: boolean;
  /** Disagreements fail the run (--diff-gate); else they are informational. */
  gate?: boolean;
}

/** How many cases run side by side when every host batches its calls. */
const WINDOW = 512;

/** Kinds named per disagreement; the rest are counted. */
const MAX_KINDS_NAMED = 20;

interface Started {
  host: CodecHost;
  described: HostedAdapter;
  specifier: string;
}

/** How each adapter is named in answers: its name; where two share it, with its specifier, or its place where they share that too. */
function labelsOf(started: readonly Started[]): string[] {
  const count = (x: string, of: (s: Started) => string) => started.filter((s) => of(s) === x).length;
  const name = (s: Started) => s.described.name;
  const where = (s: Started) => `${name(s)}\u0000${s.specifier}`;
  return started.map((s, i) =>
    count(name(s), name) === 1 ? name(s) : count(where(s), where) === 1 ? `${name(s)} (${s.specifier})` : `${name(s)} #${i + 1}`,
  );
}

/** One case's answers and where they differ. */
interface Compared {
  at: number;
  c: Case;
  reads: ReadAnswer[];
  difference: Difference;
  accepted: ReturnType<Probe<unknown>['accepted']>;
  size: number;
}

/** Disagreements that say the same thing: the smallest case, how many, the kinds (each at its first case), the first case. */
interface Group {
  shown: Compared;
  cases: number;
  kinds: Map<string, number>;
  first: number;
}

/**
 * `f` counted in its group of `groups`. Only each group's smallest case
 * (the earlier of two alike) keeps its answers; every choice goes by the
 * cases' order, not by the order their answers came in, so a seed gives
 * the same groups however the calls were scheduled.
 */
function addTo(groups: Map<string, Group>, f: Compared): void {
  const key = `${f.difference.shape}\u0000${f.accepted.map((a) => a.check).join(',')}`;
  const g = groups.get(key);
  if (!g) return void groups.set(key, { shown: f, cases: 1, kinds: new Map([[f.c.kind, f.at]]), first: f.at });
  g.cases++;
  g.first = Math.min(g.first, f.at);
  g.kinds.set(f.c.kind, Math.min(g.kinds.get(f.c.kind) ?? f.at, f.at));
  if (f.size < g.shown.size || (f.size === g.shown.size && f.at < g.shown.at)) g.shown = f;
}

/** A call not sent: the codec's operation was given up on. */
const NOT_SENT: Outcome = { kind: 'crashed', reason: CANCELLED_REASON };

/**
 * `started`'s codecs as the probes call them. A call already made (encode,
 * which the encode and roundtrip comparisons both ask of the same messages)
 * is answered from memory. An operation of a codec whose calls have hung or
 * crashed {@link INCIDENT_STREAK_LIMIT} times is given up on, as a
 * conformance run gives up on it: its calls are no longer sent, and the
 * cases that needed them are counted, not compared.
 */
function probedCodecs(
  started: readonly Started[],
  labels: readonly string[],
): { codecs: ProbedCodec[]; givenUp: (ops: readonly Operation[]) => string | undefined } {
  const givenUp = new Map<Operation, string>();
  const codecs = started.map((s, i): ProbedCodec => {
    const memo = new Map<string, Promise<Outcome>>();
    const incidents = new Map<Operation, number>();
    const own = new Map<Operation, string>();
    const settled =
      (op: Operation, key: string) =>
      (outcome: Outcome): Outcome => {
        if (outcome.kind === 'crashed' && outcome.reason === CANCELLED_REASON) memo.delete(key);
        // An input that hung before is answered from memory by the host: it costs nothing again.
        const costly = outcome.kind === 'crashed' ? outcome.reason !== CANCELLED_REASON : outcome.kind === 'timeout' && !outcome.again;
        const n = (incidents.get(op) ?? 0) + (costly ? 1 : 0);
        incidents.set(op, n);
        if (n >= INCIDENT_STREAK_LIMIT && !own.has(op)) {
          const why = `${labels[i]}'s ${op} was given up on after ${INCIDENT_STREAK_LIMIT} calls that hung or crashed`;
          own.set(op, why);
          if (!givenUp.has(op)) givenUp.set(op, why);
          s.host.cancelQueued?.();
        }
        return outcome;
      };
    return {
      label: labels[i]!,
      wire: s.described.wire,
      call(op, ...args) {
        const key = `${op}\u0000${fc.stringify(args)}`;
        const known = memo.get(key);
        if (known) return known;
        if (own.has(op)) return Promise.resolve(NOT_SENT);
        const p = s.host.call(op, ...args).then(settled(op, key));
        memo.set(key, p);
        return p;
      },
    };
  });
  return { codecs, givenUp: (ops) => ops.map((op) => givenUp.get(op)).find((w) => w !== undefined) };
}

/**
 * Runs `probe`'s cases through every codec and groups the disagreements by
 * what they say (operation, aspects and which codecs side with which, the
 * readings they lie in), keeping each group's smallest input.
 */
async function compare(
  probe: Probe<unknown>,
  started: readonly Started[],
  labels: readonly string[],
  probed: ReturnType<typeof probedCodecs>,
  p: { seed: number; runs: number; reasons: ReasonList; corpus: Corpus },
) {
  const wires = started.map((s) => s.described.wire);
  const kinds = probe.kinds(wires, p.reasons, p.corpus);
  const cases = await drawCases(kinds, taggedKinds(drawnKinds(kinds)), p.seed, p.runs);
  const { codecs } = probed;
  for (const s of started) s.host.currentCheck = `diff.${probe.operation}`;
  const window = started.every((s) => s.host.batching) ? WINDOW : 1;
  const groups = new Map<string, Group>();
  let ran = 0;
  let left = 0;
  let disagreeing = 0;
  const one = async (at: number) => {
    const c = cases[at]!;
    // Codecs in this process are called one at a time: each holds process.exit and stdout while it runs.
    const reads: ReadAnswer[] = [];
    if (window > 1) reads.push(...(await Promise.all(codecs.map((codec) => probe.ask(codec, c.input, p.reasons)))));
    else for (const codec of codecs) reads.push(await probe.ask(codec, c.input, p.reasons));
    // A case one of whose calls was not sent (a codec was given up on) says nothing.
    if (reads.some((r) => r.answer.outcome === 'crashed' && r.answer.error === CANCELLED_REASON)) return void left++;
    ran++;
    const difference = differenceOf(reads, labels);
    if (!difference) return;
    disagreeing++;
    addTo(groups, {
      at,
      c,
      reads,
      difference,
      accepted: probe.accepted(c.input, difference, reads, p.reasons),
      size: fc.stringify(c.input).length,
    });
  };
  for (let from = 0; from < cases.length; from += window) {
    await Promise.all(cases.slice(from, from + window).map((_, i) => one(from + i)));
  }
  const ordered = [...groups.values()].sort((a, b) => b.cases - a.cases || a.first - b.first);
  const disagreements = ordered.slice(0, MAX_DISAGREEMENTS_SHOWN).map(({ shown, cases: n, kinds: seen }): Disagreement => {
    const byFirst = [...seen].sort((a, b) => a[1] - b[1]).map(([k]) => k);
    const kindsSeen = [shown.c.kind, ...byFirst.filter((k) => k !== shown.c.kind)];
    return {
      operation: probe.operation,
      kind: shown.c.kind,
      input: boundValue(probe.show(shown.c.input), BOUNDS),
      answers: shown.reads.map((r) => r.answer),
      aspects: shown.difference.aspects,
      difference: boundText(shown.difference.line, BOUNDS.textChars),
      ...(shown.accepted.length > 0 ? { accepted: shown.accepted } : {}),
      cases: n,
      seenIn: kindsSeen.slice(0, MAX_KINDS_NAMED),
      kindsSeen: kindsSeen.length,
    };
  });
  const compared: ComparedOperation = {
    operation: probe.operation,
    what: probe.what(wires),
    cases: ran,
    disagreeing,
    distinct: groups.size,
    ...(left > 0 ? { notCompared: { cases: left, reason: probed.givenUp(probe.needs) ?? 'a codec was given up on' } } : {}),
  };
  return { compared, disagreements };
}

/**
 * The differential mode: the same valid messages, renderings and reply
 * cases (reproducible by seed: each kind's own first case, then `runs`
 * random ones) go through every adapter's codec, each in the host a
 * conformance run gives it (isolation, timeouts, hang and crash handling
 * alike), and the answers are compared by meaning here, where no codec can
 * reach them. Every disagreement is returned, also where each codec passes
 * every check. Never prints; an adapter that does not start throws a
 * ConformanceError.
 */
export async function runDiff(options: DiffOptions): Promise<DiffResult> {
  if (options.adapters.length < 2) {
    throw new ConformanceError(
      'bad_option',
      `--diff compares codecs with each other: expected two or more adapters (--adapter a --adapter b), received ${options.adapters.length}`,
    );
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const runs = options.runs ?? DEFAULT_RUNS;
  const reasons = options.reasons ?? reasonList();
  // The corpus's files go first, as in a conformance run: real traffic compared before generated cases.
  const { corpus } = isLoadedCorpus(options.corpus)
    ? options.corpus
    : readCorpusFolders(options.corpus, reasons, { shipped: options.shippedCorpus !== false });
  const limits = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    startTimeoutMs: options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
    memoryMb: options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB,
    isolation: options.isolation ?? true,
    reasons,
  };
  const startedAt = performance.now();
  const started: Started[] = [];
  const warnings: string[] = [];
  const compared: ComparedOperation[] = [];
  const disagreements: Disagreement[] = [];
  const skipped: DiffResult['skipped'] = [];
  let labels: string[] = [];
  try {
    for (const adapter of options.adapters) {
      started.push({ ...(await startHost(adapter, limits)), specifier: adapter.specifier });
      checkIntrinsics(adapter.specifier);
    }
    labels = labelsOf(started);
    const probed = probedCodecs(started, labels);
    for (const probe of PROBES) {
      const lacking = started.flatMap((s, i) =>
        probe.needs.filter((op) => !s.described.operations.includes(op)).map((op) => `${labels[i]} has no reject.${op}`),
      );
      if (lacking.length > 0) {
        skipped.push({ operation: probe.operation, reason: lacking.join('; ') });
        continue;
      }
      const r = await compare(probe, started, labels, probed, { seed, runs, reasons, corpus });
      compared.push(r.compared);
      disagreements.push(...r.disagreements);
    }
  } finally {
    for (const [i, s] of started.entries())
      warnings.push(...(await s.host.stop()).map((w) => `${labels[i] ?? s.specifier}: ${boundText(w, BOUNDS.textChars)}`));
  }
  const stuck = started.find((s) => s.host.fatal);
  if (stuck) throw new ConformanceError('adapter_setup', `--diff: adapter ${stuck.specifier}: ${stuck.host.fatal}`);
  for (const s of started) checkIntrinsics(s.specifier);
  const adapters = started.map((s, i): DiffAdapter => ({
    label: labels[i]!,
    name: s.described.name,
    ...(s.described.version !== undefined ? { version: s.described.version } : {}),
    specifier: s.specifier,
    wire: s.described.wire,
    isolation: s.host.isolation,
  }));
  return {
    adapters,
    seed,
    runs,
    gate: options.gate ?? false,
    compared,
    skipped,
    disagreements,
    total: compared.reduce((n, c) => n + c.distinct, 0),
    restarts: started.flatMap((s, i) =>
      s.host.restarts.map((r) => ({ adapter: labels[i]!, during: r.check, reason: boundText(r.reason, BOUNDS.textChars) })),
    ),
    warnings,
    durationMs: Math.round(performance.now() - startedAt),
  };
}

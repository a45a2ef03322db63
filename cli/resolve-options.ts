import { ConformanceError } from '../adapters/errors.js';
import type { ReasonList } from '../spec/index.js';
import { DEFAULT_MEMORY_LIMIT_MB, DEFAULT_RUNS, DEFAULT_SEED, DEFAULT_START_TIMEOUT_MS, DEFAULT_TIMEOUT_MS } from '../runner/index.js';
import { parseReporterSpec, type ReporterSpec } from '../reports/index.js';
import { findConfig, loadConfig, type FoundConfig } from './config.js';
import { extendedReasons, parsePath, parseKind, parseSeed, positiveInt } from './options.js';
import { relative, resolve } from 'node:path';
import { corpusSource, type CorpusSource } from '../runner/corpus.js';

/** The flags as commander gives them. */
export interface Flags {
  adapter?: string[];
  runs?: string;
  seed?: string;
  check?: string[];
  path?: string;
  kind?: string;
  timeout?: string;
  startTimeout?: string;
  memoryLimit?: string;
  extraReason?: string[];
  strict?: boolean;
  diff?: boolean;
  diffGate?: boolean;
  list?: boolean;
  reporter?: string[];
  expectedFailures?: string;
  updateExpectedFailures?: boolean;
  config?: string;
  /** false with --no-isolation. */
  isolation?: boolean;
  corpus?: string[];
  saveFailures?: string;
}

/** Everything a session needs, flags over config over defaults. */
export interface Resolved {
  adapters: { specifier: string; cwd: string }[];
  runs: number;
  seed: number;
  seedWasRandom: boolean;
  checks: string[];
  path?: string;
  kind?: string;
  timeoutMs: number;
  startTimeoutMs: number;
  memoryLimitMb: number;
  reasons: ReasonList;
  strict: boolean;
  /** Compare the codecs with each other (--diff; --diff-gate implies it). */
  diff: boolean;
  /** Disagreements fail the run (--diff-gate). */
  diffGate: boolean;
  reporters: ReporterSpec[];
  expectedFailuresFile?: string;
  updateExpectedFailures: boolean;
  config?: string;
  isolation: boolean;
  /** Corpus folders to replay, each named as the user would type it from `cwd`. */
  corpus: CorpusSource[];
  /** Where --save-failures writes. */
  saveFailures?: string;
}

/** Merges flags, the config file (found from `cwd` unless --config names one) and the defaults. */
/** The reporters of a run that names none: the console, and under GitHub Actions the github reporter too (as vitest does). */
export function defaultReporters(env: NodeJS.ProcessEnv): string[] {
  return env.GITHUB_ACTIONS === 'true' ? ['console', 'github'] : ['console'];
}

export async function resolveOptions(flags: Flags, cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Resolved> {
  const configFile = flags.config !== undefined ? resolve(cwd, flags.config) : findConfig(cwd);
  const found: FoundConfig | undefined = configFile ? await loadConfig(configFile) : undefined;
  const cfg = found?.config ?? {};
  const dir = found?.dir ?? cwd;

  const adapters = flags.adapter?.length
    ? flags.adapter.map((specifier) => ({ specifier, cwd }))
    : (cfg.adapters ?? []).map((specifier) => ({ specifier, cwd: dir }));
  const seed =
    flags.seed !== undefined
      ? parseSeed(flags.seed)
      : cfg.seed === 'random'
        ? parseSeed('random')
        : { seed: cfg.seed ?? DEFAULT_SEED, random: false };
  const extend = [...(cfg.reasons?.extend ?? []), ...(flags.extraReason ?? [])];
  const fromFlags = !!flags.reporter?.length;
  const reporterTexts = fromFlags
    ? flags.reporter!.map((t) => [t, cwd] as const)
    : (cfg.reporters ?? defaultReporters(env)).map((t) => [t, dir] as const);
  const reporter = (text: string, base: string) => {
    try {
      return parseReporterSpec(text, base);
    } catch (e) {
      if (fromFlags || !found || !(e instanceof ConformanceError)) throw e;
      throw new ConformanceError('bad_option', `${found.file}: \`reporters\`: ${e.message}`);
    }
  };
  const expected =
    flags.expectedFailures !== undefined
      ? resolve(cwd, flags.expectedFailures)
      : cfg.expectedFailures !== undefined
        ? resolve(dir, cfg.expectedFailures)
        : undefined;
  if (flags.updateExpectedFailures && !expected) {
    throw new ConformanceError(
      'bad_option',
      '--update-expected-failures: expected --expected-failures FILE (or expectedFailures in the config) to say which file to write',
    );
  }
  const diffGate = flags.diffGate ?? cfg.diffGate ?? false;
  const diff = diffGate || (flags.diff ?? cfg.diff ?? false);
  if (diff && adapters.length < 2) {
    const which = flags.diffGate || (!flags.diff && cfg.diffGate) ? '--diff-gate' : '--diff';
    throw new ConformanceError(
      'bad_option',
      `${which} compares codecs with each other: expected two or more adapters (--adapter a --adapter b, or adapters in the config), received ${adapters.length}`,
    );
  }
  if (diff && flags.path !== undefined) {
    throw new ConformanceError(
      'bad_option',
      '--diff runs its own cases through every codec: --path replays one case of one check; use one or the other',
    );
  }
  return {
    adapters,
    runs: flags.runs !== undefined ? positiveInt('--runs', flags.runs) : (cfg.runs ?? DEFAULT_RUNS),
    seed: seed.seed,
    seedWasRandom: seed.random,
    checks: flags.check?.length ? flags.check : (cfg.checks ?? []),
    ...(flags.path !== undefined ? { path: parsePath(flags.path) } : {}),
    ...(flags.kind !== undefined ? { kind: parseKind(flags.kind) } : {}),
    timeoutMs: flags.timeout !== undefined ? positiveInt('--timeout', flags.timeout, 3_600_000) : (cfg.timeout ?? DEFAULT_TIMEOUT_MS),
    startTimeoutMs:
      flags.startTimeout !== undefined
        ? positiveInt('--start-timeout', flags.startTimeout, 3_600_000)
        : (cfg.startTimeout ?? DEFAULT_START_TIMEOUT_MS),
    memoryLimitMb:
      flags.memoryLimit !== undefined
        ? positiveInt('--memory-limit', flags.memoryLimit, 1_048_576)
        : (cfg.memoryLimit ?? DEFAULT_MEMORY_LIMIT_MB),
    reasons: extendedReasons(extend, flags.extraReason?.length ? '--extra-reason' : `${found?.file}: reasons.extend`),
    strict: flags.strict ?? cfg.strict ?? false,
    diff,
    diffGate,
    reporters: reporterTexts.map(([t, base]) => reporter(t, base)),
    ...(expected ? { expectedFailuresFile: expected } : {}),
    updateExpectedFailures: flags.updateExpectedFailures ?? false,
    isolation: flags.isolation === false ? false : (cfg.isolation ?? true),
    corpus: flags.corpus?.length
      ? flags.corpus.map((d) => corpusSource(d, cwd))
      : [cfg.corpus ?? []].flat().map((d) => corpusSource(relative(cwd, resolve(dir, d)) || '.', cwd)),
    ...(flags.saveFailures !== undefined
      ? { saveFailures: resolve(cwd, flags.saveFailures) }
      : cfg.saveFailures !== undefined
        ? { saveFailures: resolve(dir, cfg.saveFailures) }
        : {}),
    ...(found ? { config: found.file } : {}),
  };
}

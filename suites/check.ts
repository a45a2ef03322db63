import type fc from 'fast-check';
import type { Kinds } from '../arbitraries/kinds.js';
import type { Operation, Wire } from '../adapters/contract.js';
import type { Basis, ReasonList, Reference } from '../spec/index.js';
import type { Corpus, CorpusCase } from './corpus.js';

/** How much a check matters: `must` gates by default, `should` with --strict, `may` never. */
export type Level = 'must' | 'should' | 'may';

/** The levels, most binding first. */
export const LEVELS: readonly Level[] = ['must', 'should', 'may'];

/** What came back from one call into the codec. */
export type Outcome =
  | { kind: 'returned'; value: unknown }
  | { kind: 'threw'; error: unknown }
  /**
   * The call did not answer within `ms`. `confirmed`: it was tried again,
   * alone, in a fresh codec, and hung again; `measuredMs`: how long it was
   * given before it was stopped; `note`: why it was not confirmed; `again`:
   * the same input hung before, and was not sent again.
   */
  | { kind: 'timeout'; ms: number; measuredMs?: number; confirmed?: boolean; note?: string; again?: boolean }
  /** The call returned a value that cannot be read or copied (a getter that throws, a cycle, too large or too deep): it cannot be judged. */
  | { kind: 'unreadable'; reason: string }
  /** The codec misbehaved beyond the call: ended its process, left an unhandled error, wrote to stdout, broke the protocol. */
  | { kind: 'crashed'; reason: string };

/** Calls the codec under test: each call bounded by the run's timeout, each throw caught. */
export interface CodecCaller {
  /** Calls with deep copies of `args`, so the check's own values stay as generated whatever the codec does. */
  call(op: Operation, ...args: unknown[]): Promise<Outcome>;
  /** Calls with `args` and gives them back as the codec left them: for checks that watch what a codec does to its input. */
  callWatching(op: Operation, ...args: unknown[]): Promise<{ outcome: Outcome; argsAfter: unknown[] }>;
}

/** What a check sees of the run. */
export interface CheckContext {
  wire: Wire;
  reasons: ReasonList;
  codec: CodecCaller;
  /** The stanzas kept as files that the `reject.corpus.*` checks replay (none when not given). */
  corpus?: Corpus;
}

/** Stable snake_case codes of what a failing case showed. */
export type FindingCode =
  | 'mismatch'
  | 'threw'
  | 'accepted_invalid'
  | 'not_well_formed'
  | 'wrong_structure'
  | 'wrong_output_type'
  | 'timeout'
  | 'crashed'
  | 'unreadable_value'
  | 'not_an_error'
  | 'vague_error'
  | 'input_changed';

/** One failing case, as data: what was expected, what came back, and where. */
export interface Finding {
  code: FindingCode;
  /** One line: what is wrong, naming the attribute or element. */
  message: string;
  expected?: unknown;
  received?: unknown;
}

/** Everything about a check except how it runs: what lists and reports show. */
export interface CheckInfo {
  /** Stable dotted id, never renamed or reused. */
  id: string;
  level: Level;
  title: string;
  /** Where the rule is: a section of the spec page, of docs/spec-decisions.md or of docs/contract.md. */
  reference: Reference;
  basis: Basis;
  /** The codec functions the check calls; a missing one skips it. */
  needs: readonly Operation[];
  /** The wire forms it applies to; on another it is skipped as not applicable. */
  wires: readonly Wire[];
  /** A fixed case: run once whatever --runs says. */
  fixed?: boolean;
  /** The readings of an open point that the check accepts, said in reports. */
  accepts?: string;
  /**
   * Its cases run one at a time, even on a host that batches calls: each
   * case's calls reach the codec in the case's own order, with no other
   * case's calls between them (a check about calls in a row).
   */
  sequential?: boolean;
  /** For a check that replays corpus files: which files (`valid stanzas`); with none of them, it is skipped. */
  corpus?: string;
}

/** A conformance check: a property over generated inputs. */
export interface Check<T = any> extends CheckInfo {
  /**
   * The inputs to try, kind by kind: every run tries each kind once before
   * any random case, draws the random cases from all of them by weight, and
   * reports each failing kind on its own.
   */
  kinds?(ctx: CheckContext): Kinds<T>;
  /** The inputs to try as one arbitrary, for a check without kinds: its one kind is `any`. */
  arbitrary?(ctx: CheckContext): fc.Arbitrary<T>;
  /** Fixed inputs, each tried as a kind of its own (`example:1`, ...) before the random cases. */
  examples?(ctx: CheckContext): T[];
  /** Undefined when the case passes; the finding when it fails. */
  verify(input: T, ctx: CheckContext): Promise<Finding | undefined>;
  /** The input as a person should see it in a report. */
  show?(input: T): unknown;
  /**
   * A failing input as a corpus case (`--save-failures`), for a check whose
   * rule the corpus checks replay; undefined when the corpus cannot hold it.
   */
  corpusCase?(input: T, ctx: CheckContext): CorpusCase | undefined;
}

/** Declares a check with its input type inferred. */
export function defineCheck<T>(check: Check<T>): Check<T> {
  return check;
}

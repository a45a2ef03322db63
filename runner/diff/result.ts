import type { Wire } from '../../adapters/contract.js';

/**
 * What the differential mode compares: `encode` (a message to a stanza),
 * `roundtrip` (each codec's decode of its own encoding), `decode` (a stanza
 * to a message) and `reply` (an offer and options to a stanza).
 */
export type DiffOperation = 'encode' | 'roundtrip' | 'decode' | 'reply';

/** The operations, in the order reports list them. */
export const DIFF_OPERATIONS: readonly DiffOperation[] = ['encode', 'roundtrip', 'decode', 'reply'];

/** Distinct disagreements shown per operation, each with its smallest input; the rest are counted. */
export const MAX_DISAGREEMENTS_SHOWN = 10;

/** How a codec's call ended. */
export type AnswerOutcome = 'returned' | 'threw' | 'timeout' | 'crashed' | 'unreadable';

/** One codec's answer to one input. */
export interface DiffAnswer {
  /** The adapter, as {@link DiffAdapter.label}. */
  adapter: string;
  outcome: AnswerOutcome;
  /** Roundtrip: the call that did not return (`encode` or `decode`); absent when both did. */
  stage?: 'encode' | 'decode';
  /** What it returned: the wire value (encode, reply) or the message (decode, roundtrip). Bounded. */
  value?: unknown;
  /**
   * What was compared, by aspect: for a stanza (encode, reply), each page
   * attribute as the oracle reads it (`<call to>`), `unknown attributes` and
   * `problems`; for a message (decode, roundtrip), each field (`to`). Each
   * value as a person reads it.
   */
  meaning?: Record<string, string>;
  /** What it threw (not compared), or why it gave no answer. */
  error?: string;
}

/** A reading of an open point that the suite accepts, which a disagreement lies in. */
export interface AcceptedReading {
  /** The check that accepts several readings. */
  check: string;
  /** The readings it accepts. */
  readings: string;
}

/** Inputs on which the codecs answered differently, alike in what differs. */
export interface Disagreement {
  operation: DiffOperation;
  /** The kind of the input shown. */
  kind: string;
  /** The smallest input of the group, as a person should see it. Bounded. */
  input: unknown;
  /** One per adapter, in the order of {@link DiffResult.adapters}. */
  answers: DiffAnswer[];
  /** The aspects that differ (`<call to>`, `outcome`, `unknown attributes`, ...). */
  aspects: string[];
  /** One line naming each aspect that differs and what each codec gives. */
  difference: string;
  /** Where the difference lies in a reading the suite accepts, each check that accepts it. */
  accepted?: AcceptedReading[];
  /** Cases that showed this same difference (the one shown is the smallest). */
  cases: number;
  /** The kinds they were drawn from, the shown one's first (at most 20; `kindsSeen` counts them all). */
  seenIn: string[];
  kindsSeen: number;
}

/** One compared operation: what went in, how many cases, how many disagreed. */
export interface ComparedOperation {
  operation: DiffOperation;
  /** What every codec was given and what was compared, in words. */
  what: string;
  /** Cases compared. */
  cases: number;
  /** Cases on which the codecs disagreed. */
  disagreeing: number;
  /** Distinct disagreements; at most {@link MAX_DISAGREEMENTS_SHOWN} of them are in `disagreements`. */
  distinct: number;
  /** Cases left uncompared because a codec's operation was given up on (it kept hanging or crashing). */
  notCompared?: { cases: number; reason: string };
}

/** A compared adapter. */
export interface DiffAdapter {
  /** How answers name it: its name, with its specifier when another adapter has the same name. */
  label: string;
  name: string;
  version?: string;
  specifier: string;
  wire: Wire;
  isolation: 'in-process' | 'worker' | 'subprocess';
}

/** What the differential mode found, as plain data (reports render it). */
export interface DiffResult {
  adapters: DiffAdapter[];
  seed: number;
  runs: number;
  /** Whether disagreements fail the run (--diff-gate); else they are informational. */
  gate: boolean;
  compared: ComparedOperation[];
  /** Operations left out, and why (a codec lacks the function). */
  skipped: { operation: DiffOperation; reason: string }[];
  /** Distinct disagreements, at most {@link MAX_DISAGREEMENTS_SHOWN} per operation. */
  disagreements: Disagreement[];
  /** Distinct disagreements in all, shown or not. */
  total: number;
  /** Each restart of a codec after a hang or crash during the comparison. */
  restarts: { adapter: string; during: string; reason: string }[];
  /** Things that went wrong around the calls (a teardown that threw). */
  warnings: string[];
  durationMs: number;
}

/** Whether `diff` fails the run: it gates and the codecs disagreed. */
export const diffFails = (diff: Pick<DiffResult, 'gate' | 'total'> | undefined): boolean =>
  diff !== undefined && diff.gate && diff.total > 0;

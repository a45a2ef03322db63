import fc from 'fast-check';
import {
  ATTRIBUTES,
  attributeLabel,
  describeValue,
  readStanza,
  type CallReject,
  type ReasonList,
  type StanzaTree,
  type StanzaWire,
} from '../../spec/index.js';
import type { Outcome } from '../../suites/index.js';
import { thrownText } from '../../spec/thrown.js';
import { timeoutWords } from '../../suites/index.js';
import { BOUNDS, boundText, boundValue } from '../bound.js';
import type { AnswerOutcome, DiffAnswer } from './result.js';

/** One aspect of an answer: what is compared (`key`), and how a person reads it (`shown`). */
export interface Aspect {
  key: string;
  shown: string;
}

/** An answer with the aspects it is compared by, in the order they are reported. */
export interface ReadAnswer {
  answer: DiffAnswer;
  aspects: Map<string, Aspect>;
  /** A returned stanza's page attributes, as the oracle read them. */
  fields?: Partial<CallReject>;
}

/** The aspect of an answer that says how its call ended. */
export const OUTCOME = 'outcome';
/** The aspect of a decoded answer that says whether it is a message object at all. */
export const RETURNED = 'returned';
/** The stanza's attributes the page does not define. */
export const UNKNOWN_ATTRIBUTES = 'unknown attributes';
/** What the oracle finds wrong with the stanza. */
export const PROBLEMS = 'problems';

/** A value as a difference line shows it: strings quoted (cut at 120 characters), other values as fast-check spells them. */
function shownValue(v: unknown): string {
  if (v === undefined) return 'absent';
  return typeof v === 'string' ? describeValue(v) : boundText(fc.stringify(v), 120);
}

/** What is compared of a value: absent (a missing key or undefined) is one key, every other value its exact spelling. */
const keyOf = (v: unknown) => (v === undefined ? '\u0000absent' : fc.stringify(v));

export const aspect = (key: string, shown: string): Aspect => ({ key, shown });
const list = (items: readonly string[]): Aspect => aspect(items.join('\n'), items.length > 0 ? items.join(', ') : 'none');

/** The answer of a call that did not return: what it threw (never compared), or why it gave no answer. */
export function noAnswer(adapter: string, outcome: Exclude<Outcome, { kind: 'returned' }>, stage?: 'encode' | 'decode'): ReadAnswer {
  const error =
    outcome.kind === 'threw'
      ? thrownText(outcome.error)
      : outcome.kind === 'timeout'
        ? `did not return: ${timeoutWords(outcome)}`
        : outcome.reason;
  const answer: DiffAnswer = { adapter, outcome: outcome.kind, ...(stage ? { stage } : {}), error: boundText(error, BOUNDS.textChars) };
  return { answer, aspects: new Map() };
}

function answerOf(adapter: string, value: unknown, aspects: Map<string, Aspect>): ReadAnswer {
  const meaning = Object.fromEntries([...aspects].map(([label, a]) => [label, boundText(a.shown, BOUNDS.textChars)]));
  return { answer: { adapter, outcome: 'returned', value: boundValue(value, BOUNDS), meaning }, aspects };
}

const KNOWN = new Set(ATTRIBUTES.map((a) => `${a.element} ${a.name}`));

/** The attributes of `<call>` and of each `<reject>` that the page does not define, as `<reject count>="0"`, sorted. */
function unknownAttributes(tree: StanzaTree): string[] {
  const out: string[] = [];
  const add = (element: string, attrs: Record<string, string>) => {
    for (const [name, value] of Object.entries(attrs))
      if (!KNOWN.has(`${element} ${name}`)) out.push(`<${element} ${name}>=${JSON.stringify(value)}`);
  };
  add(tree.tag, tree.attrs);
  for (const c of tree.children) if (c.tag === 'reject') add(c.tag, c.attrs);
  return out.sort();
}

/**
 * A returned stanza (encode, reply) by its meaning, as the oracle reads it
 * (spec/read-stanza.ts): each page attribute, the unknown attributes and
 * the problems, by fault class. Attribute order, quoting, white space and
 * references are not part of it; on the node wire the node is read
 * structurally, key order aside.
 */
export function stanzaAnswer(
  adapter: string,
  value: unknown,
  wire: StanzaWire,
  reasons: ReasonList,
  adjust?: (aspects: Map<string, Aspect>, fields: Partial<CallReject>) => void,
): ReadAnswer {
  const read = readStanza(value, wire, reasons);
  const aspects = new Map<string, Aspect>();
  if (read.fields) {
    for (const a of ATTRIBUTES) {
      const v = read.fields[a.field];
      aspects.set(attributeLabel(a), aspect(keyOf(v), v === undefined ? 'no attribute' : shownValue(v)));
    }
  }
  if (read.tree) aspects.set(UNKNOWN_ATTRIBUTES, list(unknownAttributes(read.tree)));
  const label = (name: string) => attributeLabel(ATTRIBUTES.find((a) => a.name === name) ?? { element: 'call', name });
  aspects.set(
    PROBLEMS,
    list([...new Set(read.problems.map((p) => (p.attribute !== undefined ? `${p.fault} ${label(p.attribute)}` : p.fault)))].sort()),
  );
  if (read.fields) adjust?.(aspects, read.fields);
  return { ...answerOf(adapter, value, aspects), ...(read.fields ? { fields: read.fields } : {}) };
}

/** A returned message (decode, roundtrip) field by field; absent is a missing key or undefined, extra keys are not compared. */
export function messageAnswer(adapter: string, value: unknown): ReadAnswer {
  const aspects = new Map<string, Aspect>();
  if (typeof value !== 'object' || value === null) {
    aspects.set(RETURNED, aspect(keyOf(value), shownValue(value)));
  } else {
    aspects.set(RETURNED, aspect('object', 'a message object'));
    for (const a of ATTRIBUTES) {
      const v = (value as Record<string, unknown>)[a.field];
      aspects.set(`${a.field} (${attributeLabel(a)})`, aspect(keyOf(v), shownValue(v)));
    }
  }
  return answerOf(adapter, value, aspects);
}

/** How an outcome reads after the adapters that had it. */
const VERBS: Record<AnswerOutcome, [one: string, many: string]> = {
  returned: ['returns', 'return'],
  threw: ['throws', 'throw'],
  timeout: ['hangs', 'hang'],
  crashed: ['crashes', 'crash'],
  unreadable: ['returns a value that cannot be read', 'return values that cannot be read'],
};

/** What disagrees between answers: which aspects, the line that says it, and its shape (what groups alike disagreements). */
export interface Difference {
  aspects: string[];
  line: string;
  shape: string;
}

const MISSING: Aspect = aspect('\u0000missing', 'n/a');

/** `groups` of answers (indices), in order of first appearance, by `key`. */
function groupsOf(n: number, key: (i: number) => string): number[][] {
  const by = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const k = key(i);
    by.set(k, [...(by.get(k) ?? []), i]);
  }
  return [...by.values()];
}

/**
 * Where `reads` (one per adapter, `labels`) disagree, or undefined when they
 * agree: every call threw (what it threw is not compared), or every call
 * ended the same other way, or every call returned the same meaning.
 * Outcomes that differ are the whole difference; else each aspect every
 * answer has that differs (an aspect only some have, such as the attributes
 * of output that is not a stanza at all, only when no other differs).
 */
export function differenceOf(reads: readonly ReadAnswer[], labels: readonly string[]): Difference | undefined {
  const outcomeKey = (i: number) => `${reads[i]!.answer.stage ?? ''} ${reads[i]!.answer.outcome}`;
  const names = (g: number[]) => g.map((i) => labels[i]!).join(' and ');
  const partition = (groups: number[][]) => groups.map((g) => g.join(',')).join('|');
  const outcomes = groupsOf(reads.length, outcomeKey);
  if (outcomes.length > 1) {
    const said = outcomes.map((g) => {
      const { outcome, stage } = reads[g[0]!]!.answer;
      return `${names(g)} ${VERBS[outcome][g.length > 1 ? 1 : 0]}${stage && outcome !== 'returned' ? ` in ${stage}` : ''}`;
    });
    return {
      aspects: [OUTCOME],
      line: `${OUTCOME}: ${said.join(', ')}`,
      shape: `${OUTCOME}:${partition(outcomes)}:${outcomes.map((g) => outcomeKey(g[0]!)).join('|')}`,
    };
  }
  if (reads[0]!.answer.outcome !== 'returned') return undefined;
  const labelsSeen = [...new Set(reads.flatMap((r) => [...r.aspects.keys()]))];
  const at = (i: number, label: string) => reads[i]!.aspects.get(label) ?? MISSING;
  const differing = labelsSeen.filter((l) => groupsOf(reads.length, (i) => at(i, l).key).length > 1);
  if (differing.length === 0) return undefined;
  const inAll = differing.filter((l) => reads.every((r) => r.aspects.has(l)));
  const reported = inAll.length > 0 ? inAll : differing;
  const parts = reported.map((l) => {
    const groups = groupsOf(reads.length, (i) => at(i, l).key);
    const said = groups.map((g) => `${names(g)} ${g.length > 1 ? 'give' : 'gives'} ${at(g[0]!, l).shown}`);
    return { line: `${l}: ${said.join(', ')}`, shape: `${l}:${partition(groups)}` };
  });
  return { aspects: reported, line: parts.map((p) => p.line).join('; '), shape: parts.map((p) => p.shape).join('\n') };
}

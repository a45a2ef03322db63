import { count } from '../_internals/bound-value.js';
import { shellQuote } from '../reproduce.js';
import type { EvidenceReport, ValueCount } from './format.js';

/**
 * How a finding writes what came from a capture: each renderer says how a
 * value and a command are shown (quoted in plain text, as inline code in
 * Markdown), so that no captured value can come alive in a report.
 */
export interface Show {
  value(v: string): string;
  command(c: string): string;
}

/** Values JSON-quoted, commands as they are: the words of the JSON report and the console. */
export const PLAIN: Show = { value: (v) => JSON.stringify(v), command: (c) => c };

type Questions = EvidenceReport['questions'];
/** A question's data, before its words. */
export type Unworded<Q> = Omit<Q, 'finding'>;

/** Values a finding names at most; the rest it counts. */
export const FINDING_VALUES = 10;

const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;
const listed = (values: readonly ValueCount[], show: Show) => {
  const named = values.slice(0, FINDING_VALUES).map((v) => `${show.value(v.value)} (${count(v.count)})`);
  const left = values.length - FINDING_VALUES;
  return [...named, ...(left > 0 ? [`${count(left)} more value${left === 1 ? '' : 's'}`] : [])].join(', ');
};
const is = (n: number) => (n === 1 ? 'is' : 'are');
const carry = (n: number) => (n === 1 ? 'carries' : 'carry');
const sum = (values: readonly ValueCount[]) => values.reduce((n, v) => n + v.count, 0);
/** What `--extra-reason` takes (spec/reasons.ts): printable ASCII without spaces. */
const REASON_SHAPE = /^[\x21-\x7e]+$/;

/** Whether reject uses the full reason list: the words of the answer. */
export function reasonSetFinding(q: Unworded<Questions['reasonSet']>, show: Show): string {
  if (q.answer === 'full-set') {
    const besides = q.subset.length > 0 ? ` Also on reject: ${listed(q.subset, show)}.` : '';
    const n = sum(q.beyondSubset);
    return `Evidence for the full set, against the declined/busy subset: ${plural(n, 'reject')} ${carry(n)} a reason of enum:terminate-reasons beyond declined/busy: ${listed(q.beyondSubset, show)}.${besides}`;
  }
  if (q.answer === 'consistent-with-subset') {
    const n = sum(q.subset);
    return `Consistent with the declined/busy subset, not proof of it: the ${plural(n, 'reject')} with a reason of the enum ${carry(n)} only ${listed(q.subset, show)}.`;
  }
  if (q.rejects === 0) return 'No evidence: the capture holds no reject.';
  return `No evidence: none of the ${plural(q.rejects, 'reject')} carries a reason of enum:terminate-reasons (${count(q.withoutReason)} ${carry(q.withoutReason)} no reason at all).`;
}

/** Whether there is a separate auto-reject reason: the words of the answer. */
export function autoRejectFinding(q: Unworded<Questions['autoReject']>, show: Show): string {
  if (q.answer === 'no-evidence') {
    return q.rejects === 0
      ? 'No evidence: the capture holds no reject.'
      : `No evidence: none of the ${plural(q.rejects, 'reject')} carries a reason outside enum:terminate-reasons.`;
  }
  const added = q.candidates.filter((c) => c.extended);
  const addable = q.candidates.filter((c) => !c.extended && REASON_SHAPE.test(c.value)).slice(0, FINDING_VALUES);
  const unfit = q.candidates.filter((c) => !c.extended && !REASON_SHAPE.test(c.value));
  const words = [
    `Candidates for an auto-reject reason: ${listed(q.candidates, show)} on reject, beyond the shipped enum:terminate-reasons.`,
  ];
  if (addable.length > 0) {
    const flags = addable.map((c) => `--extra-reason ${shellQuote(c.value)}`).join(' ');
    words.push(
      `If the capture is trusted, run the suite with ${show.command(flags)}: it then takes ${addable.length === 1 ? 'it as a reason' : 'them as reasons'}, which codecs must accept.`,
    );
  }
  if (added.length > 0) words.push(`Already added with --extra-reason: ${listed(added, show)}.`);
  if (unfit.length > 0) words.push(`Not a reason --extra-reason can add (printable ASCII without spaces): ${listed(unfit, show)}.`);
  return words.join(' ');
}

/** Whether the server also sends terminate after a reject: the words of the answer. */
export function terminateFinding(q: Unworded<Questions['terminateAfterReject']>): string {
  const rejects = plural(q.rejects, 'reject');
  const terminates = plural(q.terminates, '<terminate> stanza');
  const order = 'with the same call-id later in the capture';
  if (q.answer === 'every-reject-followed') {
    return `${q.rejects === 1 ? 'The' : 'Each of the'} ${rejects} with a call-id is followed by a <terminate> ${order}: in this capture, terminate does follow reject (which side sent it, the capture does not say).`;
  }
  if (q.answer === 'some-followed') {
    return `${count(q.followed)} of the ${rejects} with a call-id ${is(q.followed)} followed by a <terminate> ${order}; ${count(q.without)} ${is(q.without)} not (the capture holds ${terminates}): sometimes a terminate follows, sometimes the reject stands alone.`;
  }
  if (q.answer === 'none-followed') {
    return `${q.rejects === 1 ? 'The' : 'None of the'} ${rejects} with a call-id ${q.rejects === 1 ? 'is not' : 'is'} followed by a <terminate> ${order}, though the capture holds ${terminates}: consistent with reject being sufficient on its own, as far as this capture goes.`;
  }
  return q.terminates === 0
    ? `No evidence: the capture holds no <terminate> stanza, so it cannot tell whether one follows a reject${q.rejects > 0 ? ` (${rejects} with a call-id)` : ''}.`
    : `No evidence: the capture holds no reject with a call-id (it holds ${terminates}).`;
}

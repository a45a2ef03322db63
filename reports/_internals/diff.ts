import type { AcceptedReading, ComparedOperation, DiffAnswer, DiffResult, Disagreement } from '../../runner/index.js';
import { count, plural } from './kinds.js';

/** The wording every report uses of the differential mode; codec text in it is escaped by each report. */

/** What the findings count for: informational, or failing the run under --diff-gate. */
export function diffStanding(d: Pick<DiffResult, 'gate'>): string {
  return d.gate
    ? 'with --diff-gate, a disagreement fails the run (exit 1)'
    : 'informational: a disagreement does not fail the run (--diff-gate makes it fail)';
}

/** `3 distinct disagreements in 240 cases`, or `no disagreement in 815 cases`. */
export function diffTotals(d: Pick<DiffResult, 'compared' | 'total'>): string {
  const cases = d.compared.reduce((n, c) => n + c.cases, 0);
  const disagreeing = d.compared.reduce((n, c) => n + c.disagreeing, 0);
  return d.total === 0
    ? `no disagreement in ${plural(cases, 'case')} compared`
    : `${plural(d.total, 'distinct disagreement')} in ${count(disagreeing)} of ${plural(cases, 'case')} compared`;
}

/** Whether the codecs disagreed under --diff-gate: the run fails for it. */
export const diffGated = (d: Pick<DiffResult, 'gate' | 'total'>): boolean => d.gate && d.total > 0;

/** `194 cases, no disagreement` or `199 cases, 193 disagree (1 distinct)`, and the cases left uncompared. */
export function operationText(c: ComparedOperation): string {
  const agreed = c.disagreeing === 0 ? 'no disagreement' : `${count(c.disagreeing)} disagree (${count(c.distinct)} distinct)`;
  const left = c.notCompared ? `; ${plural(c.notCompared.cases, 'case')} not compared: ${c.notCompared.reason}` : '';
  return `${plural(c.cases, 'case')}, ${agreed}${left}`;
}

/** How an answer ended, in words: `returned`, `threw: Error: …`, `hung: did not return …`, with the roundtrip's stage. */
export function answerOutcome(a: DiffAnswer): string {
  const stage = a.stage ? ` in ${a.stage}` : '';
  switch (a.outcome) {
    case 'returned':
      return 'returned';
    case 'threw':
      return `threw${stage}: ${a.error ?? ''}`;
    case 'timeout':
      return `hung${stage}: ${a.error ?? ''}`;
    case 'crashed':
      return `crashed${stage}: ${a.error ?? ''}`;
    case 'unreadable':
      return `returned a value that cannot be read${stage}: ${a.error ?? ''}`;
  }
}

/** `reject.reply.to accepts the offer's from or call-creator, …`. */
export const acceptedText = (a: AcceptedReading): string => `${a.check} accepts ${a.readings}`;

/** Kinds named with a disagreement after its own. */
const KINDS_SHOWN = 5;

/** `193 cases in 99 kinds: jid:edge:shortest, caller:with-device, …`. */
export function casesText(d: Pick<Disagreement, 'cases' | 'seenIn' | 'kindsSeen'>): string {
  const named = d.seenIn.slice(0, KINDS_SHOWN).join(', ');
  return `${plural(d.cases, 'case')} in ${plural(d.kindsSeen, 'kind')}: ${named}${d.kindsSeen > KINDS_SHOWN ? ', …' : ''}`;
}

/** The disagreements shown of `operation`, and how many more there were. */
export function shownOf(d: DiffResult, c: ComparedOperation): { shown: Disagreement[]; more: number } {
  const shown = d.disagreements.filter((x) => x.operation === c.operation);
  return { shown, more: c.distinct - shown.length };
}

/** `… and 3 more distinct disagreements of reply (the JSON report counts them)`, or nothing. */
export function moreDisagreementsText(c: ComparedOperation, more: number): string | undefined {
  return more > 0 ? `… and ${plural(more, 'more distinct disagreement')} of ${c.operation}` : undefined;
}

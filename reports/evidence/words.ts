import { count } from '../../runner/bound.js';
import { plural } from '../_internals/kinds.js';
import type { EvidenceReport, Tally } from '../../runner/evidence/format.js';

/** The words the evidence reports share, so that the console and Markdown say the same. */

/** How a file's format is named. */
export const FORMAT_WORDS = { xml: 'XML', jsonl: 'JSON lines' } as const;
/** What decided a file's format. */
export const BY_WORDS = { extension: 'by its name', content: 'by its first character' } as const;

/** The reasons on reject, group by group, each with what it means. */
export function reasonGroups(r: EvidenceReport): { label: string; tally: Tally }[] {
  const x = r.rejects.reasons;
  return [
    { label: "declined/busy (the page's list)", tally: x.onReject },
    { label: 'the rest of the enum', tally: x.enum },
    { label: 'added with --extra-reason', tally: x.extended },
    { label: 'outside the enum', tally: x.outside },
  ];
}

/** The one-line summary of the stanzas: how many of each kind. */
export function stanzaCounts(r: EvidenceReport): string {
  const s = r.stanzas;
  return [
    plural(s.total, 'stanza'),
    plural(s.rejects, 'reject'),
    plural(s.calls.count, 'other <call> stanza'),
    `${count(s.others.count)} not <call>`,
    `${count(s.unreadable)} unreadable`,
  ].join(' · ');
}

/** What a decode check refuses, in words: `2 rejects, 1 unreadable stanza` (the kinds it refuses none of left out). */
export function refusedText(d: EvidenceReport['decode'][number]): string {
  return [
    ...(d.rejects.count > 0 ? [plural(d.rejects.count, 'reject')] : []),
    ...(d.unreadable.count > 0 ? [plural(d.unreadable.count, 'unreadable stanza')] : []),
  ].join(', ');
}

/** `n more` for a list that left some out, else nothing. */
export const more = (n: number, what = '') => (n > 0 ? `… and ${count(n)} more${what}` : '');

/** The decode checks that rejects or unreadable stanzas fail (the evidence), and those that stanzas which are not rejects fail (as they should). */
export function decodeGroups(r: EvidenceReport): { refused: EvidenceReport['decode']; others: EvidenceReport['decode'] } {
  return {
    refused: r.decode.filter((d) => d.rejects.count + d.unreadable.count > 0),
    others: r.decode.filter((d) => d.others.count > 0),
  };
}

/** The three open questions, numbered as the page lists them. */
export function questions(r: EvidenceReport) {
  const q = r.questions;
  return [q.reasonSet, q.autoReject, q.terminateAfterReject] as const;
}

import { createColors } from 'picocolors';
import { count } from '../../runner/bound.js';
import type { EvidenceReport, Tally } from '../../runner/evidence/format.js';
import { colorsWanted } from '../console.js';
import { visible } from '../_internals/visible.js';
import { BY_WORDS, decodeGroups, FORMAT_WORDS, more, questions, reasonGroups, refusedText, stanzaCounts } from './words.js';

/** Stanzas the console lists per decode check; the JSON and Markdown reports list more (EVIDENCE_BOUNDS.locations). */
export const CONSOLE_STANZAS_PER_CHECK = 5;

const PLAIN_NAME = /^[\x21-\x7e]+$/;
/** A captured value as it may stand in a terminal line: as it is when it is printable ASCII without spaces, else JSON-quoted; never a character that does not show as itself. */
const shown = (v: string) => visible(PLAIN_NAME.test(v) ? v : JSON.stringify(v));
const tallyText = (t: Tally) =>
  [
    ...t.values.map((v) => `${shown(v.value)} ${count(v.count)}`),
    ...(t.otherStanzas > 0 ? [`${count(t.otherStanzas)} more with other values`] : []),
  ].join(', ');

function rejectLines(r: EvidenceReport): string[] {
  const x = r.rejects;
  const attrs = (element: 'call' | 'reject') => {
    const a = x.attributes[element];
    const listed = a.attributes.map((v) => `${shown(v.name)} ${count(v.count)}${v.defined ? '' : ' (not in the spec)'}`);
    return [...listed, ...(a.otherStanzas > 0 ? [`${count(a.otherStanzas)} more with other names`] : [])].join(', ');
  };
  const reasons = [
    ...(x.reasons.none.count > 0 ? [`none ${count(x.reasons.none.count)}`] : []),
    ...reasonGroups(r)
      .filter((g) => g.tally.values.length > 0)
      .map((g) => `${g.label}: ${tallyText(g.tally)}`),
  ];
  const width = Math.max(...x.jids.map((j) => j.attribute.length)) + 2;
  const jids = x.jids.map((j) => {
    const parts = [
      ...j.shapes.map((s) => `${s.shape} ${count(s.count)}`),
      ...(j.malformed.values.length > 0 ? [`malformed ${tallyText(j.malformed)}`] : []),
      ...(j.absent > 0 ? [`absent ${count(j.absent)}`] : []),
    ];
    return `    ${j.attribute.padEnd(width)}${parts.join(', ')}`;
  });
  return [
    `  on <call>:    ${attrs('call')}`,
    `  on <reject>:  ${attrs('reject')}`,
    `  reasons:      ${reasons.join(' · ')}`,
    '  JID shapes:',
    ...jids,
  ];
}

function decodeLines(r: EvidenceReport, mark: (level: 'must' | 'should') => string): string[] {
  const { refused, others } = decodeGroups(r);
  const out: string[] = [];
  if (refused.length === 0) out.push('  none: a conforming decoder accepts every reject in the capture');
  for (const d of refused) {
    out.push(`  ${mark(d.level)} ${d.check} (${d.level}): ${refusedText(d)}`);
    const listed = [
      ...d.rejects.stanzas.map((s) => ({ ...s, tag: '' })),
      ...d.unreadable.stanzas.map((s) => ({ ...s, tag: ' (unreadable)' })),
    ];
    for (const s of listed.slice(0, CONSOLE_STANZAS_PER_CHECK)) out.push(`      ${visible(s.at)}${s.tag}  ${visible(s.message)}`);
    const left = d.rejects.count + d.unreadable.count - Math.min(listed.length, CONSOLE_STANZAS_PER_CHECK);
    if (left > 0) out.push(`      ${more(left, ' (the JSON and Markdown reports list more)')}`);
  }
  if (others.length > 0) {
    out.push(`  not rejects, refused as they should be: ${others.map((d) => `${d.fault} ${count(d.others.count)}`).join(', ')}`);
  }
  return out;
}

/**
 * The console summary of an evidence report: the files and their formats,
 * the kinds of stanza, the rejects' attributes, reasons and JID shapes, what
 * a conforming decoder refuses (per suite check), and the three open
 * questions with what the capture says. Captured text is shown escaped
 * (visible.ts); colours only when `colors`.
 */
export function evidenceConsoleText(r: EvidenceReport, colors = false): string {
  const c = createColors(colors);
  const mark = (level: 'must' | 'should') => (level === 'must' ? c.red('✗') : c.yellow('!'));
  const extended = r.reasons.extended.length > 0 ? ` · reasons extended with ${r.reasons.extended.map(shown).join(', ')}` : '';
  const lines = [
    `${c.bold(`${r.tool.name} ${r.tool.version} · evidence`)} against ${r.spec.page} ${r.spec.version} (${r.spec.status})${extended}`,
    ...r.files.map(
      (f) => `  ${visible(f.file)}: ${FORMAT_WORDS[f.format]} (${BY_WORDS[f.by]}), ${count(f.stanzas)} stanza${f.stanzas === 1 ? '' : 's'}`,
    ),
    '',
    stanzaCounts(r),
    ...(r.stanzas.calls.count > 0 ? [`  other <call> stanzas, by child: ${tallyText(r.stanzas.calls.byChild)}`] : []),
    ...(r.stanzas.others.count > 0 ? [`  not <call>, by root: ${tallyText(r.stanzas.others.byRoot)}`] : []),
    '',
    c.bold(`Rejects (${count(r.rejects.count)})`),
    ...(r.rejects.count > 0 ? rejectLines(r) : ['  none in the capture']),
    '',
    c.bold("What a conforming decoder refuses (the suite's decode checks)"),
    ...decodeLines(r, mark),
    '',
    c.bold('Open questions'),
    ...questions(r).flatMap((q, i) => [`  ${i + 1}. ${q.question}`, `     ${visible(q.finding)}`]),
  ];
  return `${lines.join('\n')}\n`;
}

/** Writes the console summary to `stream`, in colour on a terminal (colorsWanted). */
export function writeEvidenceConsole(r: EvidenceReport, stream: NodeJS.WritableStream & { isTTY?: boolean }, env: NodeJS.ProcessEnv): void {
  stream.write(evidenceConsoleText(r, colorsWanted(stream, env)));
}

import { count } from '../../runner/bound.js';
import { autoRejectFinding, reasonSetFinding, terminateFinding, type Show } from '../../runner/evidence/findings.js';
import type { EvidenceReport, Locations, Tally } from '../../runner/evidence/format.js';
import { cell, code } from '../markdown.js';
import { EVIDENCE_MARKER, startsWithMarker } from '../_internals/report-marker.js';
import { BY_WORDS, decodeGroups, FORMAT_WORDS, more, questions, reasonGroups, refusedText, stanzaCounts } from './words.js';

/**
 * Words with captured values in them, for Markdown: the words escaped as
 * the tool's own text (cell), each value and command an inline code span
 * (code), so that no captured text can become a link, markup or HTML.
 */
function worded(words: (show: Show) => string): string {
  const held: string[] = [];
  const hold = (md: string) => `\u0000${held.push(md) - 1}\u0000`;
  const text = words({ value: (v) => hold(code(v)), command: (c) => hold(code(c)) });
  return cell(text).replace(/\u0000(\d+)\u0000/g, (_, i: string) => held[Number(i)]!);
}

const at = (l: readonly string[], left: number) => [...l.map((x) => code(x, true)), ...(left > 0 ? [more(left)] : [])].join(', ');
const tallyCell = (t: Tally) =>
  [
    ...t.values.map((v) => `${code(v.value, true)} ${count(v.count)}`),
    ...(t.otherStanzas > 0 ? [`${count(t.otherStanzas)} more with other values`] : []),
  ].join(', ');
const where = (l: Locations) => at(l.at, l.more);

function rejectSections(r: EvidenceReport): string[] {
  const x = r.rejects;
  const attrRows = (['call', 'reject'] as const).flatMap((el) => [
    ...x.attributes[el].attributes.map(
      (a) => `| ${cell(`<${el}>`)} | ${code(a.name, true)} | ${count(a.count)} | ${a.defined ? 'yes' : '**no**'} |`,
    ),
    ...(x.attributes[el].otherStanzas > 0 ? [`| ${cell(`<${el}>`)} | other names | ${count(x.attributes[el].otherStanzas)} | |`] : []),
  ]);
  const reasonRows = [
    `| none | ${count(x.reasons.none.count)} | | ${where(x.reasons.none)} |`,
    ...reasonGroups(r).flatMap((g) => [
      ...g.tally.values.map(
        (v) => `| ${code(v.value, true)} | ${count(v.count)} | ${cell(g.label)} | ${at(v.at, v.count - v.at.length)} |`,
      ),
      ...(g.tally.otherStanzas > 0 ? [`| other values | ${count(g.tally.otherStanzas)} | ${cell(g.label)} | |`] : []),
    ]),
  ];
  const jidRows = x.jids.flatMap((j) => [
    ...j.shapes.map((s) => `| ${code(j.attribute, true)} | ${code(s.shape, true)} | ${count(s.count)} |`),
    ...(j.malformed.values.length > 0 || j.malformed.otherStanzas > 0
      ? [
          `| ${code(j.attribute, true)} | malformed: ${tallyCell(j.malformed)} | ${count(j.malformed.values.reduce((n, v) => n + v.count, j.malformed.otherStanzas))} |`,
        ]
      : []),
    ...(j.absent > 0 ? [`| ${code(j.attribute, true)} | absent | ${count(j.absent)} |`] : []),
  ]);
  return [
    '',
    '### Rejects: attributes',
    '',
    '| element | attribute | rejects | in the spec |',
    '|---|---|---:|---|',
    ...attrRows,
    '',
    '### Rejects: reasons',
    '',
    '| reason | rejects | group | first stanzas |',
    '|---|---:|---|---|',
    ...reasonRows,
    '',
    '### Rejects: JID shapes',
    '',
    '| attribute | shape | rejects |',
    '|---|---|---:|',
    ...jidRows,
  ];
}

function decodeSection(r: EvidenceReport): string[] {
  const { refused, others } = decodeGroups(r);
  const out = ['', "### What a conforming decoder refuses (the suite's decode checks)"];
  if (refused.length === 0) out.push('', 'None: a conforming decoder accepts every reject in the capture.');
  for (const d of refused) {
    const rows = [
      ...d.rejects.stanzas.map((s) => `| ${code(s.at, true)} | reject | ${code(s.message, true)} |`),
      ...d.unreadable.stanzas.map((s) => `| ${code(s.at, true)} | unreadable | ${code(s.message, true)} |`),
    ];
    const left = d.rejects.more + d.unreadable.more;
    out.push(
      '',
      `#### ${d.level === 'must' ? '❌' : '⚠️'} \`${d.check}\` (${d.level}): ${refusedText(d)}`,
      '',
      '| stanza | kind | problem |',
      '|---|---|---|',
      ...rows,
      ...(left > 0 ? ['', `${more(left)} (the JSON report counts them all).`] : []),
    );
  }
  if (others.length > 0) {
    out.push(
      '',
      'Stanzas that are not rejects, refused as they should be:',
      '',
      '| check | stanzas | first stanzas |',
      '|---|---:|---|',
      ...others.map((d) => `| \`${d.check}\` | ${count(d.others.count)} | ${where(d.others)} |`),
    );
  }
  return out;
}

/**
 * The Markdown evidence report: the files, the kinds of stanza, tables of
 * the rejects' attributes, reasons and JID shapes, what a conforming decoder
 * refuses per suite check, and the three open questions with what the
 * capture says. Every captured value is inline code (markdown.ts `code`).
 */
export function evidenceMarkdown(r: EvidenceReport): string {
  const q = r.questions;
  const words = [
    worded((show) => reasonSetFinding(q.reasonSet, show)),
    worded((show) => autoRejectFinding(q.autoReject, show)),
    cell(terminateFinding(q.terminateAfterReject)),
  ];
  const extended = r.reasons.extended.length > 0 ? ` · reasons extended with ${r.reasons.extended.map((v) => code(v)).join(', ')}` : '';
  const lines = [
    EVIDENCE_MARKER,
    `## ${r.tool.name} ${r.tool.version}: evidence from ${count(r.files.length)} capture file${r.files.length === 1 ? '' : 's'}`,
    '',
    `Against ${cell(r.spec.page)} ${r.spec.version} (${r.spec.status})${extended} · ${cell(stanzaCounts(r))}`,
    '',
    '| file | format | stanzas |',
    '|---|---|---:|',
    ...r.files.map((f) => `| ${code(f.file, true)} | ${FORMAT_WORDS[f.format]} (${BY_WORDS[f.by]}) | ${count(f.stanzas)} |`),
    '',
    '### Stanzas',
    '',
    '| kind | stanzas | by tag |',
    '|---|---:|---|',
    `| rejects | ${count(r.stanzas.rejects)} | |`,
    `| other ${cell('<call>')} stanzas | ${count(r.stanzas.calls.count)} | ${tallyCell(r.stanzas.calls.byChild)} |`,
    `| not ${cell('<call>')} | ${count(r.stanzas.others.count)} | ${tallyCell(r.stanzas.others.byRoot)} |`,
    `| unreadable | ${count(r.stanzas.unreadable)} | |`,
    ...(r.rejects.count > 0 ? rejectSections(r) : []),
    ...decodeSection(r),
    '',
    '### Open questions',
    '',
    ...questions(r).flatMap((x, i) => [`${i + 1}. **${cell(x.question)}**`, `   ${words[i]}`]),
  ];
  return `${lines.join('\n')}\n`;
}

/** Whether `head`, the start of a file, is the start of a Markdown evidence report this tool wrote. */
export const isEvidenceMarkdown = (head: string): boolean => startsWithMarker(head, '', EVIDENCE_MARKER);

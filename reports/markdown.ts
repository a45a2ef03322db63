import { dirname } from 'node:path';
import type { CheckResult, DiffResult, FailureDetail, RunResult, SessionResult } from '../runner/index.js';
import { sessionCheckIds } from '../runner/index.js';
import { referenceText, type Reference } from '../spec/index.js';
import { formatValue } from './format-value.js';
import { referenceHref } from './_internals/reference-link.js';
import { count, coverageText, failedText, kindText, moreFailingText, plural, shownFailures, triedText } from './_internals/kinds.js';
import {
  acceptedText,
  answerOutcome,
  casesText,
  diffGated,
  diffStanding,
  diffTotals,
  moreDisagreementsText,
  shownOf,
} from './_internals/diff.js';
import { statusLabel } from './_internals/status.js';
import { REPORT_MARKER, startsWithMarker } from './_internals/report-marker.js';
import { visible } from './_internals/visible.js';
import { writeAtomic } from './_internals/write-atomic.js';
import type { Reporter, ReportLinks } from './reporter.js';

/** The tool's own text, safe in a table cell: pipes, markup, backticks and line breaks neutralised. Text from a codec goes through {@link code}. */
export function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/`/g, '&#96;')
    .replace(/\\/g, '&#92;')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** A run of backticks longer than any in `text`, and at least `min` long. */
function backticksBeyond(text: string, min: number): string {
  return '`'.repeat(Math.max(min - 1, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
}

/** A fenced code block that `text` cannot close early, whatever backticks it holds. */
export function fence(text: string, lang = ''): string {
  const bar = backticksBeyond(text, 3);
  return `${bar}${lang}\n${text}\n${bar}`;
}

/** `text` as inline code, whatever backticks it holds. */
export function inlineCode(text: string): string {
  const ticks = backticksBeyond(text, 1);
  return `${ticks} ${text} ${ticks}`;
}

/**
 * Text from a codec or a user (names, messages, reasons, paths) as inline
 * code: no link, image, autolink, emphasis or HTML can come alive in it, and
 * what does not show as itself is written as its escape (visible.ts). In a
 * table cell (`inTable`), pipes are escaped as GFM reads them even in code.
 */
export function code(text: string, inTable = false): string {
  // In a cell a backslash before a pipe would escape the escape (`\\|` ends the cell): there a
  // backslash is written as its escape, so every pipe's own backslash stands alone.
  const span = inlineCode(visible(inTable ? text.replace(/\\/g, '\\u005C') : text));
  return inTable ? span.replace(/\|/g, '\\|') : span;
}

const outcome = (s: SessionResult) =>
  s.exitCode === 0
    ? '✅ **gate passed**'
    : s.exitCode === 1
      ? `❌ **gate failed**${s.diff && diffGated(s.diff) ? ' (the codecs disagree, --diff-gate)' : ''}`
      : '💥 **the run could not be completed**';

function summaryTable(s: SessionResult): string[] {
  const rows = s.results.map((r: RunResult) => {
    const x = r.summary;
    const gate = x.gatingFailures > 0 ? `❌ ${x.gatingFailures} gating` : '✅ passed';
    return `| ${code(r.adapter.name, true)}${r.adapter.version ? ` ${code(r.adapter.version, true)}` : ''} | ${r.adapter.wire} | ${x.passed} | ${x.failed} | ${x.expectedFailures} | ${x.staleExpectedFailures} | ${x.skipped} | ${gate} |`;
  });
  return [
    '| adapter | wire | passed | failed | expected failures | stale | skipped | gate |',
    '|---|---|---:|---:|---:|---:|---:|---|',
    ...rows,
  ];
}

function matrix(s: SessionResult): string[] {
  if (s.results.length < 2) return [];
  const head = `| check | level | ${s.results.map((r) => code(r.adapter.name, true)).join(' | ')} |`;
  const row = (id: string) => {
    const first = s.results.map((r) => r.checks.find((c) => c.id === id)).find(Boolean)!;
    const cells = s.results.map((r) => {
      const c = r.checks.find((x) => x.id === id);
      return c ? statusLabel(c).symbol : ' ';
    });
    return `| \`${id}\` | ${first.level} | ${cells.join(' | ')} |`;
  };
  const ids = sessionCheckIds(s);
  const differs = ids.filter((id) =>
    s.results.some((r) => r.checks.some((c) => c.id === id && c.status !== 'passed' && c.status !== 'skipped')),
  );
  const table = (list: string[]) => [head, `|---|---|${s.results.map(() => ':---:').join('|')}|`, ...list.map(row)];
  return [
    '',
    '### Matrix',
    '',
    ...(differs.length > 0
      ? ['Checks that did not pass everywhere:', '', ...table(differs)]
      : ['Every check passed or was skipped on every adapter.']),
    '',
    '<details><summary>All checks</summary>',
    '',
    ...table(ids),
    '',
    '</details>',
  ];
}

/** The reference as a link to its section; the text is the tool's own, with what Markdown would read as a link's end escaped. */
const ruleLink = (r: Reference, dir: string) =>
  `[${cell(referenceText(r)).replace(/\[/g, '&#91;').replace(/\]/g, '&#93;')}](${referenceHref(r, dir)})`;

function failure(r: RunResult, c: CheckResult, dir: string): string[] {
  const label = statusLabel(c);
  const out = [
    '',
    `#### ${label.symbol} \`${c.id}\` on ${code(r.adapter.name)}: ${label.word}`,
    '',
    `${cell(c.title)} (${c.level}; ${ruleLink(c.reference, dir)} [${c.basis}])`,
  ];
  if (c.accepts) out.push('', `Accepts: ${cell(c.accepts)}`);
  if (c.status === 'stale-expected-failure') {
    out.push('', `This check passes now, but ${code(c.expected?.file ?? '')} lists it as an expected failure: remove the entry.`);
    return out;
  }
  const [f, ...rest] = shownFailures(c);
  if (!f) return out;
  if (c.coverage) out.push('', `Coverage: ${failedText(c.coverage)}; each failing kind has its own counterexample and reproduce command.`);
  const kind = (g: FailureDetail) => (g.kind !== undefined ? `**Kind:** ${code(kindText(g)!)} · ` : '');
  out.push('', `${kind(f)}**What happened:** ${code(f.message)}`);
  if ('expected' in f) out.push('', 'Expected:', '', fence(formatValue(f.expected)));
  if ('received' in f) out.push('', 'Received:', '', fence(formatValue(f.received)));
  out.push(
    '',
    'Counterexample (shrunk):',
    '',
    fence(formatValue(f.counterexample)),
    '',
    'Reproduce:',
    '',
    fence(visible(f.reproduce), 'sh'),
  );
  if (rest.length > 0) {
    out.push(
      '',
      `<details><summary>${rest.length} more failing kind${rest.length === 1 ? '' : 's'}, each with its own counterexample</summary>`,
    );
    for (const g of rest) {
      out.push(
        '',
        `${kind(g)}**What happened:** ${code(g.message)}`,
        '',
        'Counterexample (shrunk):',
        '',
        fence(formatValue(g.counterexample)),
        '',
        'Reproduce:',
        '',
        fence(visible(g.reproduce), 'sh'),
      );
    }
    out.push('', '</details>');
  }
  const more = moreFailingText(c);
  if (more) out.push('', `${more} (the JSON and HTML reports mark every one).`);
  return out;
}

/** Per adapter, a collapsed table of how much of its input space each check tried and how many kinds failed. */
function coverageTables(s: SessionResult): string[] {
  const out: string[] = [];
  for (const r of s.results) {
    const total = coverageText(r.checks);
    if (!total) continue;
    const rows = r.checks
      .filter((c) => c.coverage)
      .map((c) => `| ${code(c.id, true)} | ${triedText(c.coverage!)} | ${count(c.coverage!.failed)} |`);
    out.push(
      '',
      `${code(r.adapter.name)}: ${total}`,
      '',
      '<details><summary>Per check</summary>',
      '',
      '| check | kinds tried | kinds failed |',
      '|---|---:|---:|',
      ...rows,
      '',
      '</details>',
    );
  }
  return out.length > 0 ? ['', '### Coverage', ...out] : [];
}

/** The Differences section (--diff): each operation compared, then each distinct disagreement with its smallest input and every answer. */
function differences(d: DiffResult): string[] {
  const out = [
    '',
    '### Differences (--diff)',
    '',
    `${d.adapters.map((a) => code(a.label)).join(', ')} compared on the same generated inputs (seed ${d.seed}): ${cell(diffTotals(d))}.`,
    '',
    `${diffGated(d) ? '❌' : 'ℹ️'} ${cell(diffStanding(d))}.`,
    '',
    '| operation | cases | disagreeing | distinct | compared |',
    '|---|---:|---:|---:|---|',
    ...d.compared.map(
      (x) =>
        `| \`${x.operation}\` | ${count(x.cases)} | ${count(x.disagreeing)} | ${count(x.distinct)} | ${cell(x.what)}${x.notCompared ? `<br>${code(`${plural(x.notCompared.cases, 'case')} not compared: ${x.notCompared.reason}`, true)}` : ''} |`,
    ),
    ...d.skipped.map((x) => `| \`${x.operation}\` | – | – | – | left out: ${code(x.reason, true)} |`),
  ];
  for (const x of d.compared) {
    const { shown, more } = shownOf(d, x);
    for (const g of shown) {
      out.push('', `#### ≠ \`${g.operation}\`: ${code(g.difference)}`, '', code(casesText(g)));
      for (const a of g.accepted ?? []) out.push('', `Where the suite accepts several readings: ${cell(acceptedText(a))}`);
      out.push('', 'Input:', '', fence(formatValue(g.input)), '', '| adapter | answer |', '|---|---|');
      for (const a of g.answers)
        out.push(
          `| ${code(a.adapter, true)} | ${code(a.outcome === 'returned' ? `returned ${formatValue(a.value)}` : answerOutcome(a), true)} |`,
        );
    }
    const rest = moreDisagreementsText(x, more);
    if (rest) out.push('', `${cell(rest)} (the JSON report counts them).`);
  }
  return out;
}

/**
 * The Markdown report: a summary table, the matrix when there are several
 * adapters, the differences between their codecs (--diff), the coverage of
 * each check (collapsed), then the failures: each
 * failing check's first failing kind in full, the further ones collapsed.
 * Ready for a pull request or $GITHUB_STEP_SUMMARY. The rule a failure cites
 * links to its section in the document the package ships, relative to `dir`,
 * the directory the file is read from.
 */
export function markdownReport(s: SessionResult, { dir = process.cwd() }: ReportLinks = {}): string {
  const lines = [
    REPORT_MARKER,
    `## ${s.tool.name} ${s.tool.version}: ${outcome(s)}`,
    '',
    `Spec: ${cell(s.spec.page)} ${s.spec.version} · seed ${s.seed}${s.seedWasRandom ? ' (random)' : ''} · ${s.runs} runs per check · gating levels: ${s.gatingLevels.join(', ')}` +
      (s.reasons.extended.length > 0 ? ` · reasons extended with ${s.reasons.extended.map((r) => code(r)).join(', ')}` : '') +
      (s.expectedFailuresFile ? ` · expected failures from ${code(s.expectedFailuresFile)}` : ''),
    '',
    ...summaryTable(s),
    ...matrix(s),
    ...(s.diff ? differences(s.diff) : []),
    ...coverageTables(s),
  ];
  for (const e of s.errors) lines.push('', `💥 ${code(e.specifier)} could not be run: ${code(e.message)}`);
  for (const r of s.results)
    for (const x of r.restarts) lines.push('', `🔁 ${code(r.adapter.name)} was restarted during ${code(x.check)}: it ${code(x.reason)}`);
  const shown = s.results.flatMap((r) =>
    r.checks.filter((c) => c.status === 'failed' || c.status === 'stale-expected-failure').map((c) => [r, c] as const),
  );
  if (shown.length > 0) {
    lines.push('', '### Failures');
    for (const [r, c] of shown) lines.push(...failure(r, c, dir));
  }
  const expected = s.results.flatMap((r) =>
    r.checks
      .filter((c) => c.status === 'expected-failure')
      .map((c) => `- \`${c.id}\` on ${code(r.adapter.name)}${c.expected?.note ? `: ${code(c.expected.note)}` : ''}`),
  );
  if (expected.length > 0) lines.push('', '<details><summary>Expected failures (not gating)</summary>', '', ...expected, '', '</details>');
  return `${lines.join('\n')}\n`;
}

/** Whether `head`, the start of a file, is the start of a Markdown report this tool wrote. */
export const isMarkdownReport = (head: string): boolean => startsWithMarker(head);

/** Writes the Markdown report to `file` once, at the end. */
export function markdownReporter(file: string): Reporter {
  return { onSessionEnd: (s) => writeAtomic(file, markdownReport(s, { dir: dirname(file) })) };
}

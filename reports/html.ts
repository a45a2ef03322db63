import { dirname } from 'node:path';
import type { CheckResult, DiffResult, FailureDetail, RunResult, SessionResult } from '../runner/index.js';
import { sessionCheckIds } from '../runner/index.js';
import { referenceText } from '../spec/index.js';
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
import { visible } from './_internals/visible.js';
import { htmlEscape } from './_internals/xml-text.js';
import { REPORT_MARKER, startsWithMarker } from './_internals/report-marker.js';
import { writeAtomic } from './_internals/write-atomic.js';
import type { Reporter, ReportLinks } from './reporter.js';

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24;background:#fff}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
.gate{display:inline-block;padding:.2rem .6rem;border-radius:4px;font-weight:600}
.gate.passed{background:#d1f5d3}.gate.failed{background:#ffd7d5}.gate.error{background:#ffd7d5}.gate.informational{background:#ddf4ff;font-weight:400}
.disagreement{border:1px solid #d0d7de;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.cell{text-align:center;min-width:6rem}
.pass{background:#d1f5d3}.fail{background:#ff8182}.warn{background:#fff1a8}.skip{background:#eaeef2;color:#57606a}
.xfail{background:#f5e0a0}.stale{background:#ffb77c}
.failure{border:1px solid #d0d7de;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
pre{background:#f6f8fa;padding:.5rem;overflow:auto;white-space:pre-wrap;word-break:break-all;margin:.25rem 0}
code{background:#f6f8fa;padding:.1rem .3rem}
.muted{color:#57606a}
details.kind-failure{border-top:1px solid #d0d7de;padding:.4rem 0}details.kind-failure>summary{cursor:pointer}
table.kinds td,table.kinds th{padding:.1rem .4rem;font:12px ui-monospace,monospace}
`;

const DOCTYPE = '<!DOCTYPE html>';

/** Text for the page: markup escaped, and what does not show as itself written as its escape. */
const e = (text: string) => htmlEscape(visible(text));
/** A value shown in a `<pre>`: formatValue already made it visible, line breaks kept. */
const pre = (v: unknown) => htmlEscape(formatValue(v));

const anchor = (r: RunResult, c: CheckResult) =>
  `f-${encodeURIComponent(visible(r.adapter.name))}-${c.id}`.replace(/[^A-Za-z0-9._-]/g, '_');

function matrix(s: SessionResult): string {
  const head = `<tr><th>check</th><th>level</th>${s.results.map((r) => `<th>${e(r.adapter.name)}</th>`).join('')}</tr>`;
  const rows = sessionCheckIds(s).map((id) => {
    const first = s.results.map((r) => r.checks.find((c) => c.id === id)).find(Boolean)!;
    const cells = s.results.map((r) => {
      const c = r.checks.find((x) => x.id === id);
      if (!c) return '<td class="cell skip">–</td>';
      const l = statusLabel(c);
      const text = c.failure || c.status === 'stale-expected-failure' ? `<a href="#${anchor(r, c)}">${e(l.word)}</a>` : e(l.word);
      return `<td class="cell ${l.css}" data-status="${c.status}" title="${e(c.skipReason ?? l.word)}">${text}</td>`;
    });
    return `<tr><td><code>${e(id)}</code><div class="muted">${e(first.title)}</div></td><td>${first.level}</td>${cells.join('')}</tr>`;
  });
  return `<table id="matrix">${head}${rows.join('')}</table>`;
}

function failure(r: RunResult, c: CheckResult, dir: string): string {
  const l = statusLabel(c);
  const head = `<h3>${e(c.id)} on ${e(r.adapter.name)}: ${e(l.word)}</h3><p>${e(c.title)} <span class="muted">(${c.level}; <a class="rule" href="${e(referenceHref(c.reference, dir))}">${e(referenceText(c.reference))}</a> [${c.basis}])</span></p>${c.accepts ? `<p class="muted">Accepts: ${e(c.accepts)}</p>` : ''}`;
  if (c.status === 'stale-expected-failure') {
    return `<section class="failure" id="${anchor(r, c)}">${head}<p>This check passes now, but <code>${e(c.expected?.file ?? '')}</code> lists it as an expected failure: remove the entry.</p></section>`;
  }
  const [first, ...rest] = shownFailures(c);
  const more = moreFailingText(c);
  const tail = [
    ...(rest.length > 0
      ? [`<p class="muted">${rest.length} more failing kind${rest.length === 1 ? '' : 's'}, each with its own counterexample:</p>`]
      : []),
    ...rest.map((f) => `<details class="kind-failure"><summary>${kindName(f)}${e(f.message)}</summary>${finding(f)}</details>`),
    ...(more ? [`<p class="more">${e(more)} (marked in the coverage table below).</p>`] : []),
  ];
  const covered = c.coverage ? `<p class="muted">Coverage: ${e(failedText(c.coverage))}</p>` : '';
  return `<section class="failure" id="${anchor(r, c)}">${head}${covered}
${first ? `<p>${kindName(first)}<strong>What happened:</strong> ${e(first.message)}</p>\n${finding(first)}` : ''}${tail.join('\n')}</section>`;
}

/** `Kind: <code>…</code> · ` for a failure that names its kind. */
const kindName = (f: FailureDetail) =>
  f.kind !== undefined ? `<strong>Kind:</strong> <code class="kind">${e(kindText(f)!)}</code> · ` : '';

/** One failure's evidence: expected beside received, the counterexample, the reproduce command. */
function finding(f: FailureDetail): string {
  const side = (title: string, has: boolean, v: unknown) =>
    `<div><strong>${title}</strong><pre class="${title}">${has ? pre(v) : '<span class="muted">(none)</span>'}</pre></div>`;
  return `<div class="sides">${side('expected', 'expected' in f, f.expected)}${side('received', 'received' in f, f.received)}</div>
<p><strong>Counterexample</strong> <span class="muted">(shrunk ${f.shrinks} times; seed ${f.seed}, path ${e(f.path || '(first case)')})</span></p>
<pre class="counterexample">${pre(f.counterexample)}</pre>
<p><strong>Reproduce</strong></p><pre class="reproduce">${e(f.reproduce)}</pre>`;
}

/** Per adapter: each check's kinds tried and failed, and its whole table of kinds collapsed. */
function coverage(s: SessionResult): string {
  const parts = s.results.flatMap((r) => {
    const total = coverageText(r.checks);
    if (!total) return [];
    const rows = r.checks
      .filter((c) => c.coverage)
      .map((c) => {
        const x = c.coverage!;
        const kinds = (c.kinds ?? []).map((k) =>
          k.failed
            ? `<tr class="fail"><td>${e(k.name)}</td><td>${count(k.cases)}, failed</td></tr>`
            : `<tr><td>${e(k.name)}</td><td>${count(k.cases)}</td></tr>`,
        );
        const table =
          kinds.length > 0
            ? `<details><summary>${count(kinds.length)} kind${kinds.length === 1 ? '' : 's'}</summary><table class="kinds"><tr><th>kind</th><th>cases</th></tr>${kinds.join('')}</table></details>`
            : '';
        return `<tr><td><code>${e(c.id)}</code></td><td>${e(triedText(x))}</td><td class="${x.failed > 0 ? 'fail' : 'pass'}">${count(x.failed)}</td><td>${table}</td></tr>`;
      });
    return [
      `<p>${e(r.adapter.name)}: ${e(total)}</p>\n<table class="coverage"><tr><th>check</th><th>kinds tried</th><th>kinds failed</th><th>every kind</th></tr>${rows.join('')}</table>`,
    ];
  });
  return parts.length > 0 ? `<h2>Coverage</h2>\n${parts.join('\n')}` : '';
}

/** The Differences section (--diff): each operation compared, then each distinct disagreement with its smallest input and every answer. */
function differences(d: DiffResult): string {
  const rows = [
    ...d.compared.map(
      (x) =>
        `<tr class="${x.disagreeing > 0 ? (d.gate ? 'fail' : 'warn') : 'pass'}"><td><code>${x.operation}</code></td><td>${count(x.cases)}</td><td>${count(x.disagreeing)}</td><td>${count(x.distinct)}</td><td>${e(x.what)}${x.notCompared ? `<div class="muted">${e(`${plural(x.notCompared.cases, 'case')} not compared: ${x.notCompared.reason}`)}</div>` : ''}</td></tr>`,
    ),
    ...d.skipped.map(
      (x) => `<tr class="skip"><td><code>${x.operation}</code></td><td>–</td><td>–</td><td>–</td><td>left out: ${e(x.reason)}</td></tr>`,
    ),
  ];
  const groups = d.compared.flatMap((x) => {
    const { shown, more } = shownOf(d, x);
    const rest = moreDisagreementsText(x, more);
    return [
      ...shown.map((g) => {
        const answers = g.answers.map(
          (a) =>
            `<tr><td>${e(a.adapter)}</td><td><pre class="answer">${a.outcome === 'returned' ? `returned ${pre(a.value)}` : e(answerOutcome(a))}</pre></td></tr>`,
        );
        return `<section class="disagreement"><h3>≠ <code>${g.operation}</code>: ${e(g.difference)}</h3><p class="muted">${e(casesText(g))}</p>
${(g.accepted ?? []).map((a) => `<p class="muted">Where the suite accepts several readings: ${e(acceptedText(a))}</p>`).join('')}<p><strong>Input</strong></p><pre class="input">${pre(g.input)}</pre>
<table class="answers"><tr><th>adapter</th><th>answer</th></tr>${answers.join('')}</table></section>`;
      }),
      ...(rest ? [`<p class="more">${e(rest)} (the JSON report counts them).</p>`] : []),
    ];
  });
  return `<h2 id="differences">Differences (--diff)</h2>
<p>${d.adapters.map((a) => `<code>${e(a.label)}</code>`).join(', ')} compared on the same generated inputs (seed ${d.seed}): ${e(diffTotals(d))}.</p>
<p class="gate ${diffGated(d) ? 'failed' : 'informational'}" id="diff-standing">${e(diffStanding(d))}</p>
<table id="diff-operations"><tr><th>operation</th><th>cases</th><th>disagreeing</th><th>distinct</th><th>compared</th></tr>${rows.join('')}</table>
${groups.join('\n')}`;
}

/**
 * The HTML report: one self-contained page (inline CSS, no scripts, no
 * network) with the colour matrix of checks and adapters, the differences
 * between their codecs (--diff: each disagreement's input and every answer); for each failing
 * check, each failing kind reported with expected against received side by
 * side, the counterexample and the reproduce command (the first open, the
 * further ones collapsed); then the coverage of every check, with its whole
 * table of kinds collapsed. Everything from a codec is escaped. The rule a
 * failure cites links to its section in the document the package ships,
 * relative to `dir`, the directory the page is read from.
 */
export function htmlReport(s: SessionResult, { dir = process.cwd() }: ReportLinks = {}): string {
  const gate =
    s.exitCode === 0
      ? ['passed', 'gate passed']
      : s.exitCode === 1
        ? ['failed', `gate failed${s.diff && diffGated(s.diff) ? ' (the codecs disagree, --diff-gate)' : ''}`]
        : ['error', 'the run could not be completed'];
  const summary = s.results.map((r) => {
    const x = r.summary;
    return `<tr><td>${e(r.adapter.name)} ${e(r.adapter.version ?? '')}</td><td>${r.adapter.wire}</td><td>${x.passed}</td><td>${x.failed}</td><td>${x.expectedFailures}</td><td>${x.staleExpectedFailures}</td><td>${x.skipped}</td><td class="${x.gatingFailures > 0 ? 'fail' : 'pass'}">${x.gatingFailures > 0 ? `${x.gatingFailures} gating` : 'passed'}</td></tr>`;
  });
  const shown = s.results.flatMap((r) =>
    r.checks.filter((c) => c.status === 'failed' || c.status === 'stale-expected-failure').map((c) => failure(r, c, dir)),
  );
  const extended =
    s.reasons.extended.length > 0 ? ` · reasons extended with ${s.reasons.extended.map((v) => `<code>${e(v)}</code>`).join(', ')}` : '';
  return `${DOCTYPE}
${REPORT_MARKER}
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${e(s.tool.name)}: ${gate[1]}</title><style>${CSS}</style></head><body>
<h1>${e(s.tool.name)} ${e(s.tool.version)} <span class="gate ${gate[0]}" id="gate">${gate[1]}</span></h1>
<p class="muted">Spec: ${e(s.spec.page)} ${e(s.spec.version)} · seed ${s.seed}${s.seedWasRandom ? ' (random)' : ''} · ${s.runs} runs per check · gating levels: ${s.gatingLevels.join(', ')}${extended}${s.expectedFailuresFile ? ` · expected failures from <code>${e(s.expectedFailuresFile)}</code>` : ''} · ${e(s.startedAt)}</p>
${s.errors.map((x) => `<p class="gate error">${e(x.specifier)} could not be run: ${e(x.message)}</p>`).join('\n')}
${s.results.flatMap((r) => r.restarts.map((x) => `<p class="restart">${e(r.adapter.name)} was restarted during <code>${e(x.check)}</code>: it ${e(x.reason)}</p>`)).join('\n')}
<table id="summary"><tr><th>adapter</th><th>wire</th><th>passed</th><th>failed</th><th>expected failures</th><th>stale</th><th>skipped</th><th>gate</th></tr>${summary.join('')}</table>
<h2>Checks</h2>
${matrix(s)}
${s.diff ? differences(s.diff) : ''}
<h2>Failures</h2>
${shown.length > 0 ? shown.join('\n') : '<p>None.</p>'}
${coverage(s)}
</body></html>
`;
}

/** Whether `head`, the start of a file, is the start of an HTML report this tool wrote. */
export const isHtmlReport = (head: string): boolean => startsWithMarker(head, `${DOCTYPE}\n`);

/** Writes the HTML report to `file` once, at the end. */
export function htmlReporter(file: string): Reporter {
  return { onSessionEnd: (s) => writeAtomic(file, htmlReport(s, { dir: dirname(file) })) };
}

import type { CheckResult, ComparedOperation, DiffResult, RunResult, SessionResult } from '../runner/index.js';
import { referenceText } from '../spec/index.js';
import { formatValue } from './format-value.js';
import { acceptedText, answerOutcome, casesText, diffStanding, moreDisagreementsText, operationText, shownOf } from './_internals/diff.js';
import { findingLines, furtherFailureLines, kindLines } from './_internals/failure-lines.js';
import { count, failedText, plural, shownFailures, triedText } from './_internals/kinds.js';
import { visible } from './_internals/visible.js';
import { xmlEscape } from './_internals/xml-text.js';
import { REPORT_MARKER, startsWithMarker } from './_internals/report-marker.js';
import { writeAtomic } from './_internals/write-atomic.js';
import type { Reporter } from './reporter.js';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const seconds = (ms: number) => (ms / 1000).toFixed(3);
const attr = (name: string, value: string | number) => ` ${name}="${xmlEscape(visible(String(value)))}"`;
/** Multi-line text: what does not show as itself escaped, line breaks kept. */
const body = (text: string) => xmlEscape(visible(text, { newlines: true }));

/** The suite a check belongs to: `reject` for `reject.encode.call-id`. */
const suiteOf = (id: string) => id.split('.')[0] ?? id;

/** The failure text: the first failing kind in full, then each further one (kind, message, reproduce), then how many more failed. */
function detail(c: CheckResult): string {
  const f = shownFailures(c)[0];
  const lines = [
    `${c.id} (${c.level}): ${c.title}`,
    `rule: ${referenceText(c.reference)} [${c.basis}]${c.accepts ? `; accepts ${c.accepts}` : ''}`,
    ...(c.coverage ? [`coverage: ${failedText(c.coverage)}`] : []),
    ...(f
      ? [
          ...kindLines(f),
          ...findingLines(f),
          `seed ${f.seed}, path ${f.path || '(first case)'}, shrunk ${f.shrinks} times`,
          `reproduce: ${visible(f.reproduce)}`,
        ]
      : []),
    ...furtherFailureLines(c),
  ];
  return lines.join('\n');
}

/** A testcase's coverage line, for its system-out. */
const coverageOut = (c: CheckResult) =>
  c.coverage
    ? [`      <system-out>${body(`coverage: ${triedText(c.coverage)} tried, ${count(c.coverage.failed)} failed`)}</system-out>`]
    : [];

function testcase(c: CheckResult): string {
  const open = `    <testcase${attr('classname', suiteOf(c.id))}${attr('name', c.id)}${attr('time', seconds(c.durationMs))}`;
  const inner = (...children: string[]) => {
    const all = [...children, ...coverageOut(c)];
    return all.length > 0 ? `${open}>\n${all.join('\n')}\n    </testcase>` : `${open}/>`;
  };
  const first = shownFailures(c)[0];
  switch (c.status) {
    case 'passed':
      return inner();
    case 'skipped':
      return inner(`      <skipped${attr('message', c.skipReason ?? 'skipped')}/>`);
    case 'expected-failure':
      return inner(`      <skipped${attr('message', `expected failure (listed in ${c.expected?.file}): ${first?.message ?? ''}`)}/>`);
    case 'stale-expected-failure':
      return inner(
        `      <failure${attr('message', `${c.id} passes but ${c.expected?.file} lists it as an expected failure: remove the entry`)}${attr('type', 'stale_expected_failure')}/>`,
      );
    case 'failed': {
      const tag = c.gating ? 'failure' : 'skipped';
      const message = c.gating ? `${first?.message ?? ''}` : `${c.level}-level failure, not gating: ${first?.message ?? ''}`;
      const type = c.gating ? attr('type', first?.code ?? 'internal_error') : '';
      return inner(`      <${tag}${attr('message', message)}${type}>${body(detail(c))}</${tag}>`);
    }
  }
}

function testsuite(r: RunResult): string {
  const extended = r.reasons.extended.length > 0 ? [['reasons.extended', r.reasons.extended.join(' ')]] : [];
  const s = r.summary;
  const failures = r.checks.filter((c) => c.gating).length;
  const skipped = r.checks.length - s.passed - failures;
  const props = [
    ['adapter', r.adapter.specifier],
    ['wire', r.adapter.wire],
    ['version', r.adapter.version ?? ''],
    ['seed', String(r.seed)],
    ...extended,
  ]
    .map(([k, v]) => `      <property${attr('name', k!)}${attr('value', v!)}/>`)
    .join('\n');
  return [
    `  <testsuite${attr('name', r.adapter.name)}${attr('tests', r.checks.length)}${attr('failures', failures)}${attr('errors', 0)}${attr('skipped', skipped)}${attr('time', seconds(r.durationMs))}${attr('timestamp', r.startedAt)}>`,
    `    <properties>\n${props}\n    </properties>`,
    ...r.checks.map(testcase),
    ...(r.stdout ? [`    <system-out>${body(r.stdout)}</system-out>`] : []),
    ...(r.warnings.length + r.restarts.length > 0 || r.stderr
      ? [
          `    <system-err>${body([...r.warnings.map((w) => visible(w)), ...r.restarts.map((x) => visible(`restarted during ${x.check}: it ${x.reason}`)), ...(r.stderr ? [`stderr:\n${r.stderr}`] : [])].join('\n'))}</system-err>`,
        ]
      : []),
    '  </testsuite>',
  ].join('\n');
}

/** The text of one compared operation's disagreements: each with the cases it stands for, the readings it lies in, its input and every answer. */
function diffDetail(d: DiffResult, x: ComparedOperation): string {
  const { shown, more } = shownOf(d, x);
  // Codec text is made visible line by line, so none of it can start a line of its own.
  const lines = [`diff.${x.operation}: ${visible(operationText(x))}`, `compared: ${x.what}`, diffStanding(d)];
  for (const g of shown) {
    lines.push(
      '',
      `≠ ${visible(g.difference)}`,
      visible(casesText(g)),
      ...(g.accepted ?? []).map((a) => `where the suite accepts several readings: ${acceptedText(a)}`),
      `input: ${formatValue(g.input, '  ')}`,
    );
    for (const a of g.answers)
      lines.push(
        `${visible(a.adapter)}: ${a.outcome === 'returned' ? `returned ${formatValue(a.value, '  ')}` : visible(answerOutcome(a))}`,
      );
  }
  const rest = moreDisagreementsText(x, more);
  return [...lines, ...(rest ? ['', rest] : [])].join('\n');
}

/**
 * The `differential` testsuite (--diff): one testcase per operation compared. One with disagreements fails
 * only under --diff-gate; without it the disagreements are informational, and the testcase is skipped with them
 * as its text (as a failure that does not gate is).
 */
function differential(d: DiffResult): { xml: string; tests: number; failures: number } {
  const failing = (x: ComparedOperation) => d.gate && x.distinct > 0;
  const cases = [
    ...d.compared.map((x) => {
      const open = `    <testcase${attr('classname', 'differential')}${attr('name', `diff.${x.operation}`)}`;
      if (x.distinct === 0) return `${open}>\n      <system-out>${body(diffDetail(d, x))}</system-out>\n    </testcase>`;
      const first = shownOf(d, x).shown[0]?.difference ?? '';
      const head = `${plural(x.distinct, 'distinct disagreement')}: ${first}`;
      return failing(x)
        ? `${open}>\n      <failure${attr('message', head)}${attr('type', 'disagreement')}>${body(diffDetail(d, x))}</failure>\n    </testcase>`
        : `${open}>\n      <skipped${attr('message', `informational, not gating (--diff-gate makes it fail): ${head}`)}>${body(diffDetail(d, x))}</skipped>\n    </testcase>`;
    }),
    ...d.skipped.map(
      (x) =>
        `    <testcase${attr('classname', 'differential')}${attr('name', `diff.${x.operation}`)}>\n      <skipped${attr('message', `left out: ${x.reason}`)}/>\n    </testcase>`,
    ),
  ];
  const failures = d.compared.filter(failing).length;
  const tests = cases.length;
  const props = [
    ['adapters', d.adapters.map((a) => a.specifier).join(' ')],
    ['seed', String(d.seed)],
    ['gate', String(d.gate)],
  ]
    .map(([k, v]) => `      <property${attr('name', k!)}${attr('value', v!)}/>`)
    .join('\n');
  const xml = [
    `  <testsuite${attr('name', 'differential')}${attr('tests', tests)}${attr('failures', failures)}${attr('errors', 0)}${attr('skipped', tests - failures - d.compared.filter((x) => x.distinct === 0).length)}${attr('time', seconds(d.durationMs))}>`,
    `    <properties>\n${props}\n    </properties>`,
    ...cases,
    ...(d.warnings.length + d.restarts.length > 0
      ? [
          `    <system-err>${body([...d.warnings, ...d.restarts.map((x) => `restarted ${x.adapter} during ${x.during}: it ${x.reason}`)].map((w) => visible(w)).join('\n'))}</system-err>`,
        ]
      : []),
    '  </testsuite>',
  ].join('\n');
  return { xml, tests, failures };
}

/**
 * The JUnit XML of a session: one testsuite per adapter, one testcase per
 * check (classname the suite, name the check id). Gating failures are
 * failures; skipped, expected and non-gating failures are skipped; a stale
 * expected failure is a failure. A failure's text lists every failing kind
 * reported (kind, message, reproduce), and each testcase's system-out says
 * its coverage (kinds tried of the check's input space, kinds failed). Always well-formed: everything from a codec
 * is escaped, and what does not show as itself (or XML cannot carry) is
 * written as its escape, `\u0001` (see visible.ts). With --diff, a
 * `differential` testsuite holds one testcase per operation compared.
 */
export function junitXml(s: SessionResult): string {
  const all = s.results.flatMap((r) => r.checks);
  const diff = s.diff ? differential(s.diff) : undefined;
  const failures = all.filter((c) => c.gating).length + (diff?.failures ?? 0);
  const errors = s.errors.map(
    (e) =>
      `  <testsuite${attr('name', e.specifier)} tests="1" failures="0" errors="1" skipped="0">\n    <testcase classname="adapter"${attr('name', e.specifier)}>\n      <error${attr('message', e.message)}/>\n    </testcase>\n  </testsuite>`,
  );
  return [
    XML_DECLARATION,
    REPORT_MARKER,
    `<testsuites${attr('name', `${s.tool.name} ${s.tool.version}`)}${attr('tests', all.length + s.errors.length + (diff?.tests ?? 0))}${attr('failures', failures)}${attr('errors', s.errors.length)}${attr('time', seconds(s.durationMs))}>`,
    ...s.results.map(testsuite),
    ...(diff ? [diff.xml] : []),
    ...errors,
    '</testsuites>',
    '',
  ].join('\n');
}

/** Whether `head`, the start of a file, is the start of a JUnit report this tool wrote. */
export const isJunitReport = (head: string): boolean => startsWithMarker(head, `${XML_DECLARATION}\n`);

/** Writes the JUnit XML report to `file` once, at the end. */
export function junitReporter(file: string): Reporter {
  return { onSessionEnd: (s) => writeAtomic(file, junitXml(s)) };
}

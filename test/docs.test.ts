/**
 * Every rule a check cites is in a document the package ships: each
 * reference's document is read in a file that package.json's `files`
 * ships, its section is a heading of that file, and the link the HTML and
 * Markdown reports render lands on that heading's anchor. Nothing the
 * product says points outside the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { htmlReport, markdownReport } from '../reports/index.js';
import { REFERENCE_DOCS, REFERENCE_FILES, referenceText, type Reference } from '../spec/index.js';
import { REJECT_SUITE } from '../suites/index.js';
import { summarize, type CheckResult, type RunResult } from '../runner/index.js';
import { ROOT } from './helpers/cli.js';
import { sessionOf } from './helpers/session.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
const shipped = (file: string) => pkg.files.some((f) => file === f || file.startsWith(`${f}/`));

/** The headings of a Markdown file as they read (inline code without its backticks), each with the anchor GitHub gives it. */
function headings(file: string): { text: string; anchor: string }[] {
  const slugger = new GithubSlugger();
  let fenced = false;
  const out: { text: string; anchor: string }[] = [];
  for (const line of readFileSync(join(ROOT, file), 'utf8').split('\n')) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^#{1,6} +(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const text = m[1]!.replace(/`([^`]*)`/g, '$1');
    out.push({ text, anchor: slugger.slug(text) });
  }
  return out;
}

const cited: { by: string; reference: Reference }[] = REJECT_SUITE.map((c) => ({ by: c.id, reference: c.reference }));

/** A failed result of every check, so that each report cites every reference. */
function everyCheckFailing(): RunResult {
  const checks: CheckResult[] = REJECT_SUITE.map((c) => ({
    id: c.id,
    level: c.level,
    title: c.title,
    reference: c.reference,
    basis: c.basis,
    status: 'failed',
    runs: 1,
    durationMs: 0,
    gating: true,
    failure: { code: 'mismatch', message: 'm', counterexample: null, seed: 1, path: '0', shrinks: 0, reproduce: 'npx conformance' },
  }));
  return {
    tool: { name: 'stanza-conformance', version: '0' },
    spec: { page: 'Call Reject', version: '0.1.0' },
    adapter: { name: 'a', wire: 'xml', specifier: 'a' },
    seed: 1,
    runs: 1,
    timeoutMs: 1,
    startedAt: '',
    durationMs: 0,
    reasons: { values: [], extended: [] },
    checks,
    warnings: [],
    isolation: 'in-process',
    restarts: [],
    summary: summarize(checks),
  };
}

/** Every link a report renders to a rule, resolved from `dir`: the file it opens and the anchor it lands on. */
function ruleLinks(report: 'html' | 'markdown', dir: string): { text: string; file: string; anchor: string }[] {
  const s = sessionOf(everyCheckFailing());
  const links =
    report === 'html'
      ? [...htmlReport(s, { dir }).matchAll(/<a class="rule" href="([^"#]*)#([^"]*)">([^<]*)<\/a>/g)].map((m) => [m[1]!, m[2]!, m[3]!])
      : [...markdownReport(s, { dir }).matchAll(/\[([^\]]*)\]\(([^)#]*)#([^)]*)\)/g)].map((m) => [m[2]!, m[3]!, m[1]!]);
  return links.map(([href, anchor, text]) => ({
    text: text!,
    file: relative(ROOT, resolve(dir, decodeURIComponent(href!))),
    anchor: decodeURIComponent(anchor!),
  }));
}

describe('the documents a failure cites', () => {
  it('are each cited by some check', () => {
    for (const doc of Object.values(REFERENCE_DOCS))
      expect(
        cited.some((c) => c.reference.doc === doc),
        doc,
      ).toBe(true);
  });

  it.each(cited)('$by: its document ships, and its section is a heading there', ({ reference }) => {
    const file = REFERENCE_FILES[reference.doc];
    expect(file, reference.doc).toBeDefined();
    expect(shipped(file), `${file} is in package.json files`).toBe(true);
    expect(existsSync(join(ROOT, file)), file).toBe(true);
    const have = headings(file).map((h) => h.text);
    expect(have, `${referenceText(reference)}: a heading of ${file}`).toContain(reference.section);
  });

  it.each(Object.values(REFERENCE_FILES))('%s: every heading has an anchor of its own', (file) => {
    const anchors = headings(file).map((h) => h.anchor);
    expect(anchors.filter((a) => /-\d+$/.test(a) && anchors.includes(a.replace(/-\d+$/, '')))).toEqual([]);
  });

  // A report is read where it was written: in the project, or in a folder below it.
  it.each([
    ['html', ROOT],
    ['html', join(ROOT, 'conformance-report', 'deep')],
    ['markdown', ROOT],
    ['markdown', join(ROOT, 'conformance-report')],
  ] as const)('the %s report, read in %s, links every rule to its heading in the shipped file', (report, dir) => {
    const links = ruleLinks(report, dir);
    expect(links).toHaveLength(REJECT_SUITE.length);
    for (const [i, c] of REJECT_SUITE.entries()) {
      const link = links[i]!;
      const file = REFERENCE_FILES[c.reference.doc];
      expect(link.file, c.id).toBe(file);
      const heading = headings(file).find((h) => h.text === c.reference.section);
      expect(link.anchor, `${c.id}: ${referenceText(c.reference)}`).toBe(heading?.anchor);
    }
  });

  it('read as the rule in words where the report shows it', () => {
    const text = ruleLinks('html', ROOT).map((l) => l.text);
    expect(text[REJECT_SUITE.findIndex((c) => c.id === 'reject.decode.refuses.empty-attribute')]).toBe(
      'docs/spec-decisions.md § The stanza (non-empty)',
    );
    const md = ruleLinks('markdown', ROOT).map((l) => l.text);
    expect(md[REJECT_SUITE.findIndex((c) => c.id === 'reject.decode.comments')]).toBe(
      'docs/contract.md § Wire forms (any well-formed XML with the same meaning)',
    );
    expect(md[REJECT_SUITE.findIndex((c) => c.id === 'reject.decode.reject-content')]).toBe(
      'docs/spec-decisions.md § The stanza (content inside &lt;reject&gt; is ignored)',
    );
  });

  it('ship in the package, and no product text points outside the repository', () => {
    expect(pkg.files).toContain('docs');
    for (const file of ['README.md', ...Object.values(REFERENCE_FILES)])
      expect(readFileSync(join(ROOT, file), 'utf8'), file).not.toMatch(/\.\.\/shared|SPEC-NOTES\.md|CONTRACT\.md|page\.txt/);
    for (const c of cited) expect(referenceText(c.reference), c.by).not.toMatch(/SPEC-NOTES|CONTRACT\.md/);
    expect(dirname(REFERENCE_FILES['spec page'])).toBe('docs');
  });
});

/**
 * One run writing every report, against a broken codec whose output is
 * hostile to reports, then each file checked as its reader would check it:
 * JSON against the shipped schema, JUnit with a strict XML parser, Markdown
 * for escaping, HTML in a real browser.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdapter } from '../../adapters/loader.js';
import { junitXml } from '../../reports/junit.js';
import { cell, fence } from '../../reports/markdown.js';
import { run } from '../../runner/index.js';
import { reportSchemaText } from '../../scripts/report-schema.js';
import { HOSTILE } from '../fixtures/adapters/hostile-output.js';
import { elementChildren, parseXml, type XmlElement } from '../../spec/index.js';
import { FAULTS, ROOT, runCli, scratch, type CliRun } from '../helpers/cli.js';
import { renderMarkdown } from '../helpers/hidden.js';
import { reportVerdict } from '../helpers/reports.js';
import { sessionOf } from '../helpers/session.js';

const HOSTILE_ADAPTER = join(ROOT, 'test', 'fixtures', 'adapters', 'hostile-output.ts');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const dir = scratch('reports');
const file = (name: string) => join(dir, name);
let ran: CliRun;

beforeAll(async () => {
  ran = await runCli([
    '--adapter',
    join(FAULTS, 'encode-trims-call-id.ts'),
    '--adapter',
    HOSTILE_ADAPTER,
    '--adapter',
    'reference',
    '--check',
    'reject.encode.call-id,reject.decode.page-example,reject.decode.plain,reject.encode.error-names-culprit,reject.hygiene.decode-input',
    '--runs',
    '20',
    '--extra-reason',
    'do_not_disturb',
    '--reporter',
    'console',
    '--reporter',
    `json:${file('r.json')}`,
    '--reporter',
    `junit:${file('r.xml')}`,
    '--reporter',
    `markdown:${file('r.md')}`,
    '--reporter',
    `html:${file('r.html')}`,
  ]);
});

describe('one run, every reporter', () => {
  it('fails the gate and writes all four files', () => {
    expect(ran.code).toBe(1);
    // each file, read as its reader reads it, holds the five checks and fails the same ones
    const json = reportVerdict(file('r.json'));
    expect(json.checks).toHaveLength(5);
    expect(json.failed).toContain('reject.encode.call-id');
    for (const f of ['r.xml', 'r.html', 'r.md']) expect(reportVerdict(file(f)).failed, f).toEqual(json.failed);
    for (const f of ['r.xml', 'r.html']) expect(reportVerdict(file(f)).checks, f).toEqual(json.checks);
  });
});

describe('the JSON report', () => {
  it('validates against the shipped JSON Schema, which is up to date with the zod schema', () => {
    const shipped = readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8');
    expect(shipped, 'run npm run schema').toBe(reportSchemaText());
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(shipped));
    const report = JSON.parse(readFileSync(file('r.json'), 'utf8'));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...report, outcome: 'maybe' })).toBe(false);
  });

  it('holds versions, adapters, seed, and for each failure expected, received, counterexample and reproduce', () => {
    const report = JSON.parse(readFileSync(file('r.json'), 'utf8'));
    expect(report).toMatchObject({
      format: 'stanza-conformance-report',
      formatVersion: 1,
      tool: { name: 'stanza-conformance' },
      spec: { version: '0.1.0' },
      seed: 20260,
      outcome: 'failed',
      exitCode: 1,
    });
    expect(report.reasons.extended).toEqual(['do_not_disturb']);
    expect(report.adapters.map((a: { name: string; wire: string }) => a.name)).toEqual([
      'encode-trims-call-id',
      'hostile-output',
      'reference',
    ]);
    const failed = report.adapters[1].checks.find((c: { id: string }) => c.id === 'reject.decode.page-example');
    expect(failed.status).toBe('failed');
    expect(failed.failure.received.value.callId).toContain('<script>');
    expect(failed.failure.received.text).toContain('\\ud800');
    expect(failed.failure.reproduce).toMatch(
      /^npx conformance --adapter .*hostile-output\.ts --check reject\.decode\.page-example --kind page-example --seed 20260 --path \d/,
    );
    expect(failed.failure.reproduce).toContain('--extra-reason do_not_disturb');
    const skipped = report.adapters[2].checks.find((c: { id: string }) => c.id === 'reject.hygiene.decode-input');
    expect(skipped).toMatchObject({ status: 'skipped', skipReason: 'not applicable to the xml wire' });
  });
});

describe('the JUnit report', () => {
  const xml = () => readFileSync(file('r.xml'), 'utf8');
  const all = (el: XmlElement, name: string): XmlElement[] => [
    ...(el.name === name ? [el] : []),
    ...elementChildren(el).flatMap((c) => all(c, name)),
  ];

  it('is well-formed to a strict XML parser although the codec said ]]>, controls and a lone surrogate', () => {
    const { root } = parseXml(xml());
    expect(root.name).toBe('testsuites');
    expect(xml()).toContain('&lt;script&gt;');
  });

  it('stays well-formed when a message itself holds raw controls, a lone surrogate and ]]>', async () => {
    const result = await run({ adapter: await loadAdapter(HOSTILE_ADAPTER), checks: ['reject.decode.page-example'] });
    const check = result.checks[0]!;
    check.failure!.message = `raw ${HOSTILE} \uFFFE`;
    const session = { ...sessionOf(result), exitCode: 1 as const };
    const text = junitXml(session);
    expect(() => parseXml(text)).not.toThrow();
    expect(text).toContain('\\uD800');
    expect(text).toContain('\\u0001');
    expect(text).toContain(']]&gt;');
  });

  it('has one testcase per check (classname the suite, name the check id), failures and skips marked', () => {
    const { root } = parseXml(xml());
    const suites = all(root, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(['encode-trims-call-id', 'hostile-output', 'reference']);
    const cases = all(suites[1]!, 'testcase');
    expect(cases).toHaveLength(5);
    expect(new Set(cases.map((c) => c.attrs.classname))).toEqual(new Set(['reject']));
    const page = cases.find((c) => c.attrs.name === 'reject.decode.page-example')!;
    const failure = elementChildren(page)[0]!;
    expect(failure.name).toBe('failure');
    expect(failure.attrs.type).toBe('mismatch');
    expect(failure.children.join('')).toContain('reproduce: npx conformance');
    expect(elementChildren(cases.find((c) => c.attrs.name === 'reject.hygiene.decode-input')!)[0]!.name).toBe('skipped');
    expect(root.attrs.failures).toBe(String(all(root, 'failure').length));
    const props = all(suites[0]!, 'property').map((p) => [p.attrs.name, p.attrs.value]);
    expect(props).toContainEqual(['reasons.extended', 'do_not_disturb']);
    expect(ran.stdout).toContain('reasons extended with do_not_disturb');
  });
});

describe('the rule a failure cites, in the Markdown and HTML reports', () => {
  // Written to a folder outside the project: each link still opens the package's own file of the rule.
  it.each([
    ['r.md', /\]\(([^)#]+)#([\w-]+)\)/g],
    ['r.html', /<a class="rule" href="([^"#]+)#([\w-]+)">/g],
  ] as const)('%s links to the section in the shipped file, relative to the report', (name, link) => {
    const links = [...readFileSync(file(name), 'utf8').matchAll(link)].map((m) => resolve(dir, decodeURIComponent(m[1]!)));
    expect(links.length).toBeGreaterThan(0);
    for (const target of links) {
      expect(target.startsWith(join(ROOT, 'docs')), target).toBe(true);
      expect(existsSync(target), target).toBe(true);
    }
  });
});

describe('the Markdown report', () => {
  it('has the summary table, the matrix, and the failures with what the codec said escaped', () => {
    const md = readFileSync(file('r.md'), 'utf8');
    expect(md).toMatch(
      /^<!-- stanza-conformance report: the next run may replace this file -->\n## stanza-conformance 0\.1\.0: ❌ \*\*gate failed\*\*/,
    );
    expect(md).toMatch(/^\| adapter \| wire \| passed \|/m);
    expect(md).toMatch(/^\| `reject\.encode\.call-id` \| must \| ❌ \| ✅ \| ✅ \|$/m);
    // What the codec said is code: rendered as GitHub does, it is text, never markup.
    const html = renderMarkdown(md);
    expect(html).toContain('<code>&lt;b&gt;1&lt;/b&gt;</code>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>1</b>');
    for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
      const cells = line.split(/(?<!\\)\|/).length;
      expect(cells, line).toBeGreaterThan(2);
    }
  });

  it('escapes table cells and fences code whatever backticks it holds', () => {
    expect(cell('a | b\n<script>`x`')).toBe('a &#124; b<br>&lt;script&gt;&#96;x&#96;');
    const fenced = fence('has ``` inside');
    expect(fenced.startsWith('````\n') && fenced.endsWith('\n````')).toBe(true);
  });
});

/** Runs in the page: the element's computed background colour. */
const background = (el: unknown) =>
  (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor;

describe('the HTML report, in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  });
  afterAll(async () => browser?.close());

  it('is self-contained: nothing loads from the network', () => {
    const html = readFileSync(file('r.html'), 'utf8');
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
  });

  it('shows the gate, the colour matrix, and each failure with expected beside received; a <script> call-id is text', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (r) => void (r.url().startsWith('file:') || requests.push(r.url())));
    page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    await page.goto(`file://${file('r.html')}`);
    await expect(page.locator('#gate').textContent()).resolves.toBe('gate failed');
    const headers = await page.locator('#matrix tr').first().locator('th').allTextContents();
    expect(headers).toEqual(['check', 'level', 'encode-trims-call-id', 'hostile-output', 'reference']);
    const cell = page.locator('#matrix td[data-status="failed"]').first();
    const colour = await cell.evaluate(background);
    expect(colour).toBe('rgb(255, 129, 130)');
    const passColour = await page.locator('#matrix td[data-status="passed"]').first().evaluate(background);
    expect(passColour).toBe('rgb(209, 245, 211)');
    const received = page.locator('pre.received', { hasText: '<script>alert(1)</script>' }).first();
    await expect(received.isVisible()).resolves.toBe(true);
    const section = page.locator('section.failure', { has: received }).first();
    const left = await section.locator('pre.expected').boundingBox();
    const right = await received.boundingBox();
    expect(left && right && Math.abs(left.y - right.y) < 2 && right.x > left.x + 100).toBe(true);
    await expect(section.locator('pre.reproduce').textContent()).resolves.toMatch(/^npx conformance --adapter /);
    await page.locator('#matrix a').first().click();
    expect(page.url()).toMatch(/#f-/);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: true });
    await page.close();
  });
});

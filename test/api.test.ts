/**
 * The public API is a deliberate list: the runtime names of the package's
 * entries are exactly the ones below (an export added or dropped is a change
 * made here too), every export, type or value, has TSDoc, and the README's
 * "What the package exports" names exactly what is exported.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as main from '../index.js';
import * as arbitraries from '../arbitraries/public.js';
import { ROOT } from './helpers/cli.js';

/** The runtime names of `stanza-conformance`, by group as the README lists them. */
const MAIN = [
  'defineAdapter',
  'locateAdapter',
  'loadAdapter',
  'ConformanceError',
  'referenceXmlAdapter',
  'referenceNodeAdapter',
  'PAGE_EXAMPLE',
  'TERMINATE_REASONS',
  'reasonList',
  'ReasonExtensionError',
  'parseJid',
  'isJid',
  'formatJid',
  'messageProblems',
  'callRejectSchema',
  'wireNodeSchema',
  'REJECT_SUITE',
  'LEVELS',
  'run',
  'exitCodeOf',
  'runDiff',
  'sessionExitCode',
  'jsonReport',
  'junitXml',
  'markdownReport',
  'htmlReport',
  'reportSchema',
  'readCaptures',
  'analyzeEvidence',
  'evidenceMarkdown',
  'evidenceReportSchema',
];

/** The runtime names of `stanza-conformance/arbitraries`. */
const ARBITRARIES = [
  'messages',
  'xmlRenderings',
  'nodeRenderings',
  'invalidMessages',
  'invalidXmlStanzas',
  'invalidNodes',
  'replyCases',
  'jids',
  'malformedJids',
  'reasons',
  'badReasons',
  'MESSAGE_FAULT_GROUPS',
  'XML_FAULT_GROUPS',
  'NODE_FAULT_GROUPS',
];

/** Each entry of package.json `exports` that is code: its source, the names of its runtime exports. */
const ENTRIES = {
  'stanza-conformance': { source: 'index.ts', runtime: MAIN },
  'stanza-conformance/arbitraries': { source: 'arbitraries/public.ts', runtime: ARBITRARIES },
  'stanza-conformance/vitest': { source: 'vitest-entry/index.ts', runtime: ['conformanceSuite', 'failureError'] },
} as const;
type Entry = keyof typeof ENTRIES;

const program = ts.createProgram(
  Object.values(ENTRIES).map((e) => join(ROOT, e.source)),
  {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    types: ['node'],
    noEmit: true,
  },
);
const checker = program.getTypeChecker();

/** Every export of an entry, types included, with its TSDoc (from the declaration it names, or at the export). */
function exportsOf(entry: Entry): { name: string; value: boolean; doc: string }[] {
  const file = program.getSourceFile(join(ROOT, ENTRIES[entry].source))!;
  return checker.getExportsOfModule(checker.getSymbolAtLocation(file)!).map((s) => {
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    const doc = [s, target].map((x) => ts.displayPartsToString(x.getDocumentationComment(checker)).trim()).find((d) => d !== '') ?? '';
    return { name: s.name, value: (target.flags & ts.SymbolFlags.Value) !== 0, doc };
  });
}

/** What `actual` has beyond `listed`, and what it lacks: both empty when they are the same names. */
const difference = (actual: readonly string[], listed: readonly string[]) => ({
  added: actual.filter((n) => !listed.includes(n)),
  dropped: listed.filter((n) => !actual.includes(n)),
});
const same = { added: [], dropped: [] };

describe('the runtime names of each entry are exactly the listed ones', () => {
  it('stanza-conformance', () => expect(difference(Object.keys(main), MAIN)).toEqual(same));
  it('stanza-conformance/arbitraries', () => expect(difference(Object.keys(arbitraries), ARBITRARIES)).toEqual(same));

  it('as the compiler sees them, the vitest entry included', () => {
    for (const entry of Object.keys(ENTRIES) as Entry[]) {
      expect(
        difference(
          exportsOf(entry)
            .filter((e) => e.value)
            .map((e) => e.name),
          ENTRIES[entry].runtime,
        ),
        entry,
      ).toEqual(same);
    }
  });

  it('package.json exports each entry from dist, with its types', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    for (const [entry, { source }] of Object.entries(ENTRIES)) {
      const built = `./dist/${source.replace(/\.ts$/, '')}`;
      expect(pkg.exports[entry.replace('stanza-conformance', '.')], entry).toEqual({ types: `${built}.d.ts`, default: `${built}.js` });
    }
  });
});

describe('every export has TSDoc', () => {
  it.each(Object.keys(ENTRIES) as Entry[])('%s: values and types', (entry) => {
    const all = exportsOf(entry);
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((e) => e.doc === '').map((e) => e.name)).toEqual([]);
  });
});

describe('README: What the package exports', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n### What the package exports\n');
  const section = readme.slice(start, readme.indexOf('\n#', start + 1));
  /** The section's part about one entry: from its `**`entry`**` line to the next entry's. */
  const part = (entry: Entry) => {
    const at = section.indexOf(`**\`${entry}\`**`);
    const next = Object.keys(ENTRIES)
      .map((e) => section.indexOf(`**\`${e}\`**`))
      .filter((i) => i > at)
      .sort((a, b) => a - b)[0];
    return at < 0 ? '' : section.slice(at, next);
  };
  /** The names in code spans (`run`, `run()`), leaving out the entry names themselves. */
  const named = (text: string) => [...text.matchAll(/`([A-Za-z_$][\w$]*)(?:\(\))?`/g)].map((m) => m[1]!);

  it('is there, with a part for each entry', () => {
    expect(start).toBeGreaterThan(0);
    for (const entry of Object.keys(ENTRIES) as Entry[]) expect(part(entry), entry).not.toBe('');
  });

  it.each(Object.keys(ENTRIES) as Entry[])('%s: every name it mentions is exported, and every runtime name is mentioned', (entry) => {
    const exported = exportsOf(entry).map((e) => e.name);
    const mentioned = named(part(entry));
    expect(mentioned.filter((n) => !exported.includes(n))).toEqual([]);
    expect(ENTRIES[entry].runtime.filter((n) => !mentioned.includes(n))).toEqual([]);
  });
});

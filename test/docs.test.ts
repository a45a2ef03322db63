/**
 * Every rule a check cites is in a document the package ships: each
 * `docs/…md § section` reference names a heading of that file, the files
 * are in package.json's `files`, and nothing the product says points
 * outside the repository.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REJECT_SUITE } from '../suites/index.js';
import { DOCS } from '../suites/_internals/refs.js';
import { JID_GRAMMAR } from '../spec/index.js';
import { ROOT } from './helpers/cli.js';

const headings = (file: string) =>
  readFileSync(join(ROOT, file), 'utf8').split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3).trim());
/** A cited section, without the point of it in parentheses: `Wire forms (character references)` is `Wire forms`. */
const sectionOf = (ref: string) => ref.slice(ref.indexOf(' § ') + 3).replace(/ \(.*\)$/, '');
/** Whether `section` is one of `have`, or one of them followed by what it says (`JID: user …`). */
const named = (have: string[], section: string) => have.some((h) => section === h || section.startsWith(`${h}: `));

describe('the documents a failure cites', () => {
  const cited = [...REJECT_SUITE.map((c) => c.ref), JID_GRAMMAR.source].filter((r) => r.startsWith('docs/'));

  it('are cited by the checks (both documents)', () => {
    for (const file of Object.values(DOCS)) expect(cited.some((r) => r.startsWith(`${file} § `)), file).toBe(true);
  });

  it.each(Object.values(DOCS))('%s has every section a check cites', (file) => {
    const have = headings(file);
    for (const r of cited.filter((x) => x.startsWith(`${file} § `))) expect(named(have, sectionOf(r)), `${r} (sections: ${have.join('; ')})`).toBe(true);
  });

  it('ship in the package, and no product text points outside the repository', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('docs');
    for (const file of ['README.md', ...Object.values(DOCS)]) expect(readFileSync(join(ROOT, file), 'utf8'), file).not.toMatch(/\.\.\/shared|SPEC-NOTES\.md|CONTRACT\.md/);
    for (const c of REJECT_SUITE) expect(c.ref, c.id).not.toMatch(/SPEC-NOTES|CONTRACT\.md/);
  });
});

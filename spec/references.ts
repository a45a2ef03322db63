/**
 * Where a rule is written: the reference every check cites (its `rule:`
 * line), as data. Reports render it as text or as a link into the document
 * the package ships; test/docs.test.ts resolves every one.
 */
import { slug } from 'github-slugger';

/** The documents a rule may cite: the spec page, and the project's own two. */
export const REFERENCE_DOCS = {
  page: 'spec page',
  notes: 'docs/spec-decisions.md',
  contract: 'docs/contract.md',
} as const;

/** One of {@link REFERENCE_DOCS}. */
export type ReferenceDoc = (typeof REFERENCE_DOCS)[keyof typeof REFERENCE_DOCS];

/** Where a rule is: a document, a section (a heading of it), and the point of that section the rule rests on. */
export interface Reference {
  readonly doc: ReferenceDoc;
  /** A heading of the document, as it reads (inline code without its backticks). */
  readonly section: string;
  /** What in the section the rule rests on, when the section says more than the rule. */
  readonly point?: string;
}

/**
 * The file of the package in which each document is read, relative to the
 * package's root. The spec page is not shipped (it belongs to the stanza
 * catalog): docs/spec-page.md restates each of its sections under the
 * page's own heading.
 */
export const REFERENCE_FILES: Readonly<Record<ReferenceDoc, string>> = {
  'spec page': 'docs/spec-page.md',
  'docs/spec-decisions.md': 'docs/spec-decisions.md',
  'docs/contract.md': 'docs/contract.md',
};

/** The reference to `section` of `doc`, with its `point` when given. */
export function reference(doc: ReferenceDoc, section: string, point?: string): Reference {
  return { doc, section, ...(point !== undefined ? { point } : {}) };
}

/** A reference as one line of text: `docs/spec-decisions.md § The stanza (non-empty)`. */
export function referenceText(r: Reference): string {
  return `${r.doc} § ${r.section}${r.point !== undefined ? ` (${r.point})` : ''}`;
}

/** The anchor of the reference's section in its file, as GitHub (and most Markdown renderers) make it from the heading. */
export function referenceAnchor(r: Reference): string {
  return slug(r.section);
}

/** The project's own documents a rule may cite, shipped in the package (docs/). */
export const DOCS = { notes: 'docs/spec-decisions.md', contract: 'docs/contract.md' } as const;

/** Spec references, written one way everywhere. */
export const ref = {
  page: (section: string) => `spec page § ${section}`,
  notes: (section: string) => `${DOCS.notes} § ${section}`,
  contract: (section: string) => `${DOCS.contract} § ${section}`,
};

import { reference, REFERENCE_DOCS } from '../../spec/index.js';

/** References to the spec, made one way everywhere: `ref.notes('The stanza', 'non-empty')`. */
export const ref = {
  page: (section: string, point?: string) => reference(REFERENCE_DOCS.page, section, point),
  notes: (section: string, point?: string) => reference(REFERENCE_DOCS.notes, section, point),
  contract: (section: string, point?: string) => reference(REFERENCE_DOCS.contract, section, point),
};

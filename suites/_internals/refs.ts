/** Spec references, written one way everywhere. */
export const ref = {
  page: (section: string) => `spec page § ${section}`,
  notes: (section: string) => `SPEC-NOTES.md § ${section}`,
  contract: (section: string) => `CONTRACT.md § ${section}`,
};

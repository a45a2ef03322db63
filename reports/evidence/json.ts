import { EVIDENCE_FORMAT, type EvidenceReport } from '../../runner/evidence/format.js';
import { jsonReportHead } from '../json.js';

/** The JSON evidence report: the report itself (runner/evidence/format.ts, `evidenceReportSchema`), indented. */
export const evidenceJson = (r: EvidenceReport): string => `${JSON.stringify(r, null, 2)}\n`;

const HEAD = jsonReportHead(EVIDENCE_FORMAT);

/** Whether `head`, the start of a file, is the start of a JSON evidence report this tool wrote. */
export const isEvidenceJson = (head: string): boolean => HEAD.test(head);

import type { EvidenceReport } from '../../runner/evidence/format.js';
import type { ReporterSpec } from '../registry.js';
import { writeAtomic } from '../_internals/write-atomic.js';
import { writeEvidenceConsole } from './console.js';
import { evidenceJson, isEvidenceJson } from './json.js';
import { evidenceMarkdown, isEvidenceMarkdown } from './markdown.js';

export { evidenceConsoleText, writeEvidenceConsole } from './console.js';
export { evidenceJson, isEvidenceJson } from './json.js';
export { evidenceMarkdown, isEvidenceMarkdown } from './markdown.js';

interface EvidenceReporter {
  /** The default file name in conformance-report/; absent for console. */
  file?: string;
  /** Whether `head`, the first bytes of a file, shows an earlier report of this reporter (which a run may replace). */
  isReport?(head: string): boolean;
  render?(r: EvidenceReport): string;
}

/** The reporters of `conformance evidence`, by name. */
export const EVIDENCE_REPORTERS: Readonly<Record<string, EvidenceReporter>> = {
  console: {},
  json: { file: 'evidence.json', isReport: isEvidenceJson, render: evidenceJson },
  markdown: { file: 'evidence.md', isReport: isEvidenceMarkdown, render: evidenceMarkdown },
};

/** Writes `r` as `spec` says: the console summary to `io.stdout`, a file report atomically (write-atomic.ts). */
export function writeEvidenceReport(
  spec: ReporterSpec,
  r: EvidenceReport,
  io: { stdout: NodeJS.WritableStream & { isTTY?: boolean }; env: NodeJS.ProcessEnv },
): void {
  const render = EVIDENCE_REPORTERS[spec.name]?.render;
  if (spec.file && render) writeAtomic(spec.file, render(r));
  else writeEvidenceConsole(r, io.stdout, io.env);
}

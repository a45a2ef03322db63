import { resolve } from 'node:path';
import { ConformanceError } from '../adapters/errors.js';
import { analyzeEvidence } from '../runner/evidence/analyze.js';
import { readCaptures } from '../runner/evidence/read-captures.js';
import { EVIDENCE_REPORTERS, writeEvidenceReport } from '../reports/evidence/index.js';
import { parseReporterSpec } from '../reports/registry.js';
import { extendedReasons } from './options.js';
import { clearReportPaths, removeReports, type ReportKinds } from './report-paths.js';

/** The flags of `conformance evidence` as commander gives them. */
export interface EvidenceFlags {
  extraReason?: string[];
  reporter?: string[];
}

/** Where the evidence command reads and writes. */
export interface EvidenceIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const EVIDENCE_REPORTS: ReportKinds = {
  isReport: (name, head) => EVIDENCE_REPORTERS[name]?.isReport?.(head) ?? false,
  label: 'evidence report',
};

/**
 * `conformance evidence FILE...`: reads the captures, analyses them against
 * the spec model and writes each report. Returns 0 once the reports are
 * written (evidence informs, it does not gate); a capture that cannot be
 * read or a bad option is a ConformanceError (exit 2), and then no report
 * of this run is left, nor an earlier one at its path.
 */
export function runEvidence(files: readonly string[], flags: EvidenceFlags, io: EvidenceIo): number {
  const reasons = extendedReasons(flags.extraReason ?? [], '--extra-reason');
  const reporters = (flags.reporter?.length ? flags.reporter : ['console']).map((text) =>
    parseReporterSpec(text, io.cwd, { reporters: EVIDENCE_REPORTERS, modules: false }),
  );
  const inputs = files.map((f) => ({ what: `the capture ${f}`, file: resolve(io.cwd, f) }));
  clearReportPaths({ adapters: [], reporters }, { inputs, kinds: EVIDENCE_REPORTS });
  const report = analyzeEvidence(readCaptures(files, io.cwd), { reasons });
  for (const spec of reporters) {
    try {
      writeEvidenceReport(spec, report, io);
    } catch (e) {
      removeReports(reporters, EVIDENCE_REPORTS);
      throw new ConformanceError('io_error', `--reporter ${spec.name} could not write its report: ${(e as Error).message}`);
    }
  }
  return 0;
}

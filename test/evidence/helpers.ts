import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeEvidence, readCaptures, type EvidenceOptions, type EvidenceReport } from '../../runner/evidence/index.js';
import { ROOT } from '../helpers/cli.js';

/** The fixture capture, as XML and as JSON lines, relative to the repository (as a user would name it). */
export const FIXTURE = { xml: 'test/fixtures/captures/traffic.xml', jsonl: 'test/fixtures/captures/traffic.jsonl' } as const;

/** The evidence report of `files` (relative to the repository, or absolute). */
export const analyze = (files: string[], options: EvidenceOptions = {}): EvidenceReport =>
  analyzeEvidence(readCaptures(files, ROOT), options);

/** Writes `content` to `name` in `dir` and returns its path. */
export function capture(dir: string, name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

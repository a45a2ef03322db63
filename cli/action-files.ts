/**
 * The files a runner reads a step's outputs, environment, path, state and
 * job summary from: the gate step's own, which the run it makes must leave
 * as they were. The CLI (and the codec it runs) is given none of their
 * names, but a codec can find them (they lie in the runner's temp folder):
 * each is kept as it was before the run and compared after it; one that
 * changed is put back, and the run it changed under is not believed.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** The variables naming a step's command files. */
export const STEP_FILES = ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'] as const;

/** A step file as it was: its variable, its path, and its bytes (undefined: there was no file). */
export interface KeptFile {
  name: (typeof STEP_FILES)[number];
  file: string;
  bytes: Buffer | undefined;
}

function read(file: string): Buffer | undefined | Error {
  try {
    return readFileSync(file);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : (e as Error);
  }
}

/** Every step file `env` names, as it is now. */
export function keepStepFiles(env: NodeJS.ProcessEnv): KeptFile[] {
  const kept: KeptFile[] = [];
  for (const name of STEP_FILES) {
    const file = env[name];
    if (!file) continue;
    const bytes = read(file);
    kept.push({ name, file, bytes: bytes instanceof Error ? undefined : bytes });
  }
  return kept;
}

/** `env` without the names of the step files. */
export function withoutStepFiles(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const name of STEP_FILES) delete out[name];
  return out;
}

/**
 * Each kept file that is not as it was, put back as it was (removed first, so
 * a link put in its place is not written through); one line for each, naming
 * the file.
 */
export function restoreStepFiles(kept: readonly KeptFile[]): string[] {
  const changed: string[] = [];
  for (const k of kept) {
    const now = read(k.file);
    const same = now instanceof Error ? false : now === undefined || k.bytes === undefined ? now === k.bytes : now.equals(k.bytes);
    if (same) continue;
    let back = 'it was put back as it was';
    try {
      rmSync(k.file, { force: true });
      if (k.bytes !== undefined) writeFileSync(k.file, k.bytes, { flag: 'wx' });
    } catch (e) {
      back = `it could not be put back (${(e as Error).message})`;
    }
    changed.push(`${k.name} (${k.file}) was written to while the gate ran, by the codec or a process it started: ${back}`);
  }
  return changed;
}

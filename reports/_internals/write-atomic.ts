import { lstatSync, mkdirSync, readlinkSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** What `stats` is, in words, when it is not a regular file; undefined for a regular file. */
export function notARegularFile(stats: Stats, file: string): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isSymbolicLink()) {
    let to = '';
    try {
      to = ` (to ${readlinkSync(file)})`;
    } catch {
      // The link went away while we looked: it is still not a file to write over.
    }
    return `a symbolic link${to}`;
  }
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Throws unless nothing or a regular file is at `file`: a rename would replace a link, a device or a pipe itself. */
function refuseUnlessFile(file: string): void {
  let stats: Stats;
  try {
    stats = lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const what = notARegularFile(stats, file);
  if (what) throw new Error(`${file} is ${what}, expected a regular file or nothing there: not written`);
}

/** The file a chain of symbolic links at `file` ends at (`file` itself when it is no link); the end may not exist yet. */
export function linkTarget(file: string): string {
  let at = resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let stats: Stats;
    try {
      stats = lstatSync(at);
    } catch {
      return at;
    }
    if (!stats.isSymbolicLink()) return at;
    at = resolve(dirname(at), readlinkSync(at));
  }
  throw new Error(`${file}: more than 40 symbolic links in a row, expected a chain that ends at a file`);
}

/**
 * Writes `text` to `file` atomically: to a temporary file beside it, then a
 * rename, so a reader never sees half a file. Only a regular file (or nothing)
 * is replaced, checked just before the rename (a rename would replace a link
 * or a device node itself). With `throughLinks`, a symbolic link at
 * `file` is followed and the file it points to is replaced, the link kept.
 */
export function writeAtomic(file: string, text: string, { throughLinks = false } = {}): void {
  const target = throughLinks ? linkTarget(file) : file;
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    // Last, as close to the rename as can be: a run is long, and what is at the path may have changed.
    refuseUnlessFile(target);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

import { isAbsolute, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REFERENCE_FILES, referenceAnchor, type Reference } from '../../spec/index.js';
import { PACKAGE_ROOT } from '../../runner/version.js';

/**
 * The link from a report read in `dir` to the section `r` cites: the file
 * of this very package that holds it (docs/…), relative to the report, with
 * the heading's anchor. Relative, because the package has no home on the web
 * whose pages keep a heading's anchor, and the installed package is the
 * version that wrote the report: a report opened where it was written (the
 * user's project, with the package in its node_modules) links to the rule
 * its run held the codec to. A report moved elsewhere keeps the rule's text.
 */
export function referenceHref(r: Reference, dir: string): string {
  const target = join(PACKAGE_ROOT, REFERENCE_FILES[r.doc]);
  const path = relative(dir, target);
  // Another drive (Windows): no relative path leads there.
  const url = isAbsolute(path)
    ? pathToFileURL(target).href
    : path
        .split(sep)
        .map(encodeURIComponent)
        .join('/')
        .replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${url}#${referenceAnchor(r)}`;
}

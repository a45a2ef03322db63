/**
 * The comment that opens every Markdown report and follows the declaration of
 * every JUnit and HTML one. A later run replaces a file only when it can tell
 * the file is a report this tool wrote; this line is how it tells.
 */
export const REPORT_MARKER = '<!-- stanza-conformance report: the next run may replace this file -->';

/** Whether `head` (the first bytes of a file) begins with `prefix` and then the marker. */
export const startsWithMarker = (head: string, prefix = ''): boolean => head.startsWith(`${prefix}${REPORT_MARKER}\n`);

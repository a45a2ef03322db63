/**
 * The comment that opens every Markdown report and follows the declaration of
 * every JUnit and HTML one. A later run replaces a file only when it can tell
 * the file is a report this tool wrote; this line is how it tells.
 */
export const REPORT_MARKER = '<!-- stanza-conformance report: the next run may replace this file -->';

/** The comment that opens every Markdown evidence report (`conformance evidence`): how a later run tells it. */
export const EVIDENCE_MARKER = '<!-- stanza-conformance evidence: the next run may replace this file -->';

/** Whether `head` (the first bytes of a file) begins with `prefix` and then `marker` (the report marker unless given). */
export const startsWithMarker = (head: string, prefix = '', marker = REPORT_MARKER): boolean => head.startsWith(`${prefix}${marker}\n`);

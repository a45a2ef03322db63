/**
 * XML 1.0 Char production: what an XML document can carry at all.
 * Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
 */

/** Whether one code point is an XML 1.0 Char. */
export function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/** The first code point of `text` that XML cannot carry (a lone surrogate counts), or undefined. */
export function firstNonXmlChar(text: string): number | undefined {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!isXmlChar(cp)) return cp;
  }
  return undefined;
}

/** Whether every character of `text` can be carried by XML 1.0. */
export function isXmlText(text: string): boolean {
  return firstNonXmlChar(text) === undefined;
}

/** `U+XXXX`, for messages. */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

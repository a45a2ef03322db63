import { isXmlChar } from '../../spec/index.js';
import { escapeCodePoint } from './visible.js';

/**
 * `text` made safe for XML 1.0 text and attribute values: markup escaped,
 * white space that attributes would normalize written as references, and
 * every character XML cannot carry (controls, U+FFFE, lone surrogates) shown
 * as its escape (`\u0001`, see visible.ts) instead, so a report stays
 * well-formed whatever a codec said.
 */
export function xmlEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!isXmlChar(cp)) out += escapeCodePoint(cp);
    else if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&apos;';
    else if (ch === '\n') out += '&#10;';
    else if (ch === '\r') out += '&#13;';
    else if (ch === '\t') out += '&#9;';
    else out += ch;
  }
  return out;
}

/** `text` for HTML: the same as {@link xmlEscape}, so a `<script>` call-id is text. */
export const htmlEscape = xmlEscape;

/**
 * What must never reach a person raw, defined here apart from visible.ts so
 * a test can catch visible.ts letting something through.
 */
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

const HIDDEN = /^(?:[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]|(?! )\p{Zs})$/u;
const MARK = /^\p{M}$/u;
const BASE = /^[\p{L}\p{N}\p{M}\p{So}]$/u;
const VARIATION_SELECTOR = /^[\uFE00-\uFE0F]$/u;

/**
 * The characters of `text` that would not show as themselves: controls,
 * format and invisible characters, spaces other than U+0020, lone
 * surrogates, and combining marks with no letter to sit on or that NFC would
 * fold into the letter before. `\n` is allowed with `newlines`.
 */
export function rawHidden(text: string, newlines = true): string[] {
  const found: string[] = [];
  let before = '';
  for (const ch of text) {
    const allowed = (ch === '\n' && newlines) || (VARIATION_SELECTOR.test(ch) && BASE.test(before));
    const mark = MARK.test(ch) && (!BASE.test(before) || (before + ch).normalize('NFC') !== before + ch);
    if (!allowed && (HIDDEN.test(ch) || mark)) found.push(`U+${ch.codePointAt(0)!.toString(16).toUpperCase()}`);
    before = ch;
  }
  return found;
}

/** `xml` or `html` with its character references resolved, as its reader sees the text. */
export const resolveRefs = (text: string) =>
  text
    .replace(/&#(x?)([0-9a-fA-F]+);/g, (_, hex: string, n: string) => String.fromCodePoint(parseInt(n, hex ? 16 : 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** `markdown` rendered as GitHub renders it (GFM, raw HTML let through). */
export const renderMarkdown = (markdown: string) =>
  micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });

/** The element names of `html`. */
export const tagsOf = (html: string) => new Set([...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase()));

/**
 * Characters that do not show as themselves: controls (C0, DEL, C1), format
 * characters (ZWSP, ZWJ, ZWNJ, BOM, bidi embeddings, overrides and isolates,
 * soft hyphen), every space but U+0020 (NBSP, U+2000–U+200A, U+3000), line
 * and paragraph separators, private-use, unassigned and noncharacters, lone
 * surrogates, and the default-ignorable rest (Hangul fillers, CGJ).
 */
const HIDDEN = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}\p{Default_Ignorable_Code_Point}]$/u;
const MARK = /^\p{M}$/u;
/** What a combining mark may sit on and still be read as part of it: a letter, a digit, another mark, or a symbol (an emoji and its variation selector). */
const BASE = /^[\p{L}\p{N}\p{M}\p{So}]$/u;
const VARIATION_SELECTOR = /^[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]$/u;
const PLAIN = /^[\x20-\x7E]*$/;

/** The escape of one code point: `\n`, `\r`, `\t`, else `\uXXXX` (`\u{XXXXX}` above U+FFFF), as JavaScript writes it. */
export function escapeCodePoint(cp: number): string {
  if (cp === 0x0a) return '\\n';
  if (cp === 0x0d) return '\\r';
  if (cp === 0x09) return '\\t';
  const hex = cp.toString(16).toUpperCase();
  return cp > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/** Whether the combining mark `ch` shows as part of `before`: it has a base to sit on, and is not one that NFC would fold into it (`e` + U+0301 reads like `é`). */
function sitsOn(before: string | undefined, ch: string): boolean {
  if (before === undefined || !BASE.test(before)) return false;
  if (HIDDEN.test(ch)) return VARIATION_SELECTOR.test(ch);
  return (before + ch).normalize('NFC') === before + ch;
}

/**
 * `text` with every character that does not show as itself written as its
 * escape (see {@link escapeCodePoint}), so what a codec said cannot move the
 * cursor, recolour or clear a terminal, reorder a line, or hide a difference
 * between expected and received. Combining marks stay when they sit on a
 * letter, digit or symbol; standalone ones, and ones that make a decomposed
 * `é`, are escaped. Other text (`é`, `日本`, emoji) stays as it is. With
 * `newlines`, `\n` stays a line break (for multi-line values); `\r` never does.
 */
export function visible(text: string, options: { newlines?: boolean } = {}): string {
  if (PLAIN.test(text)) return text;
  let out = '';
  let before: string | undefined;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const keep = ch === ' ' || (ch === '\n' && options.newlines === true) ? true : MARK.test(ch) ? sitsOn(before, ch) : !HIDDEN.test(ch);
    out += keep ? ch : escapeCodePoint(cp);
    before = keep ? ch : undefined;
  }
  return out;
}

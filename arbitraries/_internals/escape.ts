/** How characters in attribute values are spelled in a rendering. */
export type RefStyle = 'none' | 'named' | 'decimal' | 'hex' | 'mixed';

/** Spellings of one space that attribute-value normalization reads back as a space. */
export const RAW_SPACES = [' ', '\t', '\n', '\r', '\r\n'] as const;

/** The entity references XML predefines, by the character each stands for. */
export const NAMED_REFS: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** A cheap deterministic hash, to vary choices along a value without more generated data. */
export function mix(salt: number, i: number): number {
  return Math.imul((salt ^ (i * 0x9e3779b1)) >>> 0, 2654435761) >>> 16;
}

function numeric(cp: number, h: number, style: RefStyle): string {
  if (style === 'hex' || (style === 'mixed' && h % 2 === 0)) {
    const hex = cp.toString(16);
    return `&#x${h % 4 < 2 ? hex.toUpperCase() : hex};`;
  }
  return `&#${cp};`;
}

/**
 * `value` spelled inside an attribute delimited by `quote`, in one of many
 * equivalent ways. With `rawSpaces`, each space is written as a raw white
 * space character (or CR LF) that normalization turns back into one space.
 */
export function spellAttributeValue(value: string, quote: '"' | "'", style: RefStyle, salt: number, rawSpaces: boolean): string {
  let out = '';
  let i = 0;
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    const h = mix(salt, i++);
    const mustEscape = ch === '&' || ch === '<' || ch === quote || ch === '\t' || ch === '\n' || ch === '\r';
    if (ch === ' ' && rawSpaces) {
      const raw = RAW_SPACES[h % RAW_SPACES.length]!;
      // A raw CR then a raw LF is one line end (XML 1.0 § 2.11): two spaces would read as one.
      out += out.endsWith('\r') && raw.startsWith('\n') ? ' ' : raw;
    } else if (style === 'decimal' || style === 'hex') out += numeric(cp, h, style);
    else if (style === 'mixed' && h % 3 === 0) out += numeric(cp, h, style);
    else if (mustEscape) out += NAMED_REFS[ch] ?? numeric(cp, h, style);
    else if (style === 'named' && NAMED_REFS[ch]) out += NAMED_REFS[ch];
    else out += ch;
  }
  return out;
}

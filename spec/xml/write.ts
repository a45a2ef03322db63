import { codePointName, firstNonXmlChar } from './chars.js';

/** A value that XML 1.0 cannot carry. */
export class XmlWriteError extends Error {
  override name = 'XmlWriteError';
}

const ATTR_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * `value` escaped for a quoted attribute value. Tab, newline and CR become
 * character references: written raw, attribute-value normalization would
 * read them back as spaces.
 */
export function escapeAttribute(value: string): string {
  const bad = firstNonXmlChar(value);
  if (bad !== undefined) {
    throw new XmlWriteError(`${codePointName(bad)} cannot be carried by XML 1.0`);
  }
  return value.replace(/[&<>"'\t\n\r]/g, (c) => ATTR_ESCAPES[c]!);
}

/** An element to write: attributes in order, and element children. */
export interface WritableElement {
  name: string;
  attrs: readonly (readonly [string, string])[];
  children?: readonly WritableElement[];
}

/** The canonical XML of `el`: double quotes, escaped values, self-closing when empty, no whitespace. */
export function writeXml(el: WritableElement): string {
  const attrs = el.attrs.map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
  const children = el.children ?? [];
  if (children.length === 0) return `<${el.name}${attrs}/>`;
  return `<${el.name}${attrs}>${children.map(writeXml).join('')}</${el.name}>`;
}

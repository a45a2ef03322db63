import { SaxesParser } from 'saxes';
import { codePointName, firstNonXmlChar } from './chars.js';

/** An element of a parsed document. Attribute maps have no prototype, so any name is safe. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

/** A parsed document: its one root element, and the DOCTYPE if it had one. */
export interface XmlDocument {
  root: XmlElement;
  doctype?: string;
}

/** Text that is not a well-formed XML 1.0 document. */
export class XmlSyntaxError extends Error {
  override name = 'XmlSyntaxError';
}

/**
 * Parses `text` as an XML 1.0 document, strictly: the oracle for what an
 * encoder wrote. saxes rejects what fast-xml-parser lets through (bare `&`
 * or `<` in a value, two roots, `&#0;`, undeclared entities) and applies
 * attribute-value normalization (a raw newline or tab reads as a space).
 */
export function parseXml(text: string): XmlDocument {
  // saxes checks the Char production but lets a lone surrogate through; a
  // document holding one cannot even be written out as UTF-8.
  const bad = firstNonXmlChar(text);
  if (bad !== undefined) throw new XmlSyntaxError(`not well-formed XML: ${codePointName(bad)} is not a character XML 1.0 can carry`);
  const parser = new SaxesParser({ xmlns: false });
  let error: string | undefined;
  let doctype: string | undefined;
  let root: XmlElement | undefined;
  const stack: XmlElement[] = [];
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.on('doctype', (d) => {
    doctype = d;
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = Object.create(null);
    for (const [k, v] of Object.entries(tag.attributes)) attrs[k] = v as string;
    const el: XmlElement = { name: tag.name, attrs, children: [] };
    const parent = stack.at(-1);
    if (parent) parent.children.push(el);
    else root ??= el;
    if (!tag.isSelfClosing) stack.push(el);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  const onText = (t: string) => stack.at(-1)?.children.push(t);
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(text).close();
  } catch (e) {
    error ??= (e as Error).message;
  }
  if (error !== undefined) throw new XmlSyntaxError(`not well-formed XML: ${error}`);
  if (!root) throw new XmlSyntaxError('not well-formed XML: no root element');
  return doctype === undefined ? { root } : { root, doctype };
}

/** The element children of `el`. */
export function elementChildren(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string');
}

/** The text directly inside `el` (not inside its children). */
export function ownText(el: XmlElement): string {
  return el.children.filter((c): c is string => typeof c === 'string').join('');
}

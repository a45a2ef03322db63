import type { Wire } from '../../adapters/contract.js';
import {
  describeValue,
  type WireNode,
  elementChildren,
  ownText,
  parseXml,
  STRUCTURE,
  wireNodeSchema,
  XmlSyntaxError,
} from '../../spec/index.js';
import type { Finding } from '../check.js';

/** An element child of the root: its tag, its attributes, and what it holds. */
export interface WireChild {
  tag: string;
  attrs: Record<string, string>;
  /** The tags of the elements inside it. */
  elements: string[];
  /** The text inside it (XML: its own text, untrimmed; node: string content). */
  text: string;
  /** The length of a node's byte content, when it has some. */
  bytes?: number;
}

/** What the suite reads out of a wire value: the root and its element children. */
export interface WireView {
  root: string;
  attrs: Record<string, string>;
  children: WireChild[];
  /** Text directly inside the root, white space trimmed (XML only). */
  text?: string;
  /** The DOCTYPE, when the XML has one. */
  doctype?: string;
}

/**
 * Reads a wire value as the spec's oracle does: XML by XML 1.0 exactly (saxes,
 * with attribute-value normalization), a node by its schema. Returns the
 * finding when the value is not a wire value at all.
 */
export function readWire(value: unknown, wire: Wire): { view: WireView } | { finding: Finding } {
  if (wire === 'xml') {
    if (typeof value !== 'string') {
      return {
        finding: {
          code: 'wrong_output_type',
          message: `expected an XML string, received ${describeValue(value)}`,
          expected: 'an XML string',
          received: value,
        },
      };
    }
    try {
      const { root, doctype } = parseXml(value);
      const children = elementChildren(root).map((c): WireChild => ({
        tag: c.name,
        attrs: c.attrs,
        elements: elementChildren(c).map((e) => e.name),
        text: ownText(c),
      }));
      return {
        view: { root: root.name, attrs: root.attrs, children, text: ownText(root).trim(), ...(doctype !== undefined ? { doctype } : {}) },
      };
    } catch (e) {
      if (!(e instanceof XmlSyntaxError)) throw e;
      return { finding: { code: 'not_well_formed', message: e.message, expected: 'well-formed XML 1.0', received: value } };
    }
  }
  const parsed = wireNodeSchema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'the value';
    return {
      finding: {
        code: 'wrong_output_type',
        message: `expected a node { tag, attrs, content? }, ${where} is wrong`,
        expected: 'a node',
        received: value,
      },
    };
  }
  const { tag, attrs, content } = parsed.data;
  const children = Array.isArray(content) ? content.map(nodeChild) : [];
  return { view: { root: tag, attrs, children } };
}

function nodeChild(c: WireNode): WireChild {
  const inner = c.content;
  if (inner instanceof Uint8Array) return { tag: c.tag, attrs: c.attrs, elements: [], text: '', bytes: inner.length };
  return {
    tag: c.tag,
    attrs: c.attrs,
    elements: Array.isArray(inner) ? inner.map((e) => e.tag) : [],
    text: typeof inner === 'string' ? inner : '',
  };
}

/** The finding when a view is not one `<call>` holding exactly one `<reject>` and no other element. */
export function structureFinding(view: WireView): Finding | undefined {
  const root = STRUCTURE.root.tag;
  const child = STRUCTURE.child.tag;
  const expected = `<${root}> holding exactly one <${child}> and no other element`;
  const tags = view.children.map((c) => `<${c.tag}>`).join(', ') || 'no element';
  const received = `<${view.root}> holding ${tags}`;
  if (view.root !== root) return { code: 'wrong_structure', message: `root is <${view.root}>, expected <${root}>`, expected, received };
  const rejects = view.children.filter((c) => c.tag === child).length;
  if (rejects !== 1 || view.children.length !== 1) {
    return { code: 'wrong_structure', message: `<${root}> holds ${tags}, expected exactly one <${child}>`, expected, received };
  }
  return undefined;
}

/** The attributes of `<call>` and of its one `<reject>`, when the structure is right. */
export function stanzaAttrs(view: WireView): { call: Record<string, string>; reject: Record<string, string> } | undefined {
  if (structureFinding(view)) return undefined;
  return { call: view.attrs, reject: view.children[0]!.attrs };
}

/** The finding when an attribute read back is not `want` (`undefined`: no attribute expected). */
export function attributeFinding(label: string, want: string | undefined, got: string | undefined): Finding | undefined {
  if (got === want) return undefined;
  const show = (v: string | undefined) => (v === undefined ? 'no attribute' : describeValue(v));
  return {
    code: 'mismatch',
    message: `${label}: expected ${show(want)}, received ${show(got)}`,
    expected: want ?? '(no attribute)',
    received: got ?? '(no attribute)',
  };
}

/**
 * The finding when the one `<reject>` of a view holds anything: an element,
 * text (in XML, white space alone is layout and allowed) or bytes. A sender
 * writes `<reject>` with attributes only (the spec decisions: a `<tctoken>`
 * inside it left the caller's phone ringing).
 */
export function rejectContentFinding(view: WireView, wire: Wire): Finding | undefined {
  const [reject] = view.children;
  if (!reject || structureFinding(view)) return undefined;
  const tag = `<${STRUCTURE.child.tag}>`;
  const expected = `${tag} with attributes only, nothing inside it`;
  const text = wire === 'xml' ? reject.text.trim() : reject.text;
  const held = [
    ...reject.elements.map((e) => `<${e}>`),
    ...(text ? [`text ${describeValue(reject.text)}`] : []),
    ...(reject.bytes ? [`${reject.bytes} bytes`] : []),
  ];
  if (held.length === 0) return undefined;
  return {
    code: 'wrong_structure',
    message: `${tag} holds ${held.join(', ')}, expected nothing inside it`,
    expected,
    received: held.join(', '),
  };
}

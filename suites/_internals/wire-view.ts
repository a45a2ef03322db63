import type { Wire } from '../../adapters/contract.js';
import { describeValue, elementChildren, ownText, parseXml, STRUCTURE, wireNodeSchema, XmlSyntaxError } from '../../spec/index.js';
import type { Finding } from '../check.js';

/** What the suite reads out of a wire value: the root and its element children. */
export interface WireView {
  root: string;
  attrs: Record<string, string>;
  children: { tag: string; attrs: Record<string, string> }[];
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
      const children = elementChildren(root).map((c) => ({ tag: c.name, attrs: c.attrs }));
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
  const children = Array.isArray(content) ? content.map((c) => ({ tag: c.tag, attrs: c.attrs })) : [];
  return { view: { root: tag, attrs, children } };
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

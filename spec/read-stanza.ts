import { ATTRIBUTES, STRUCTURE, type CallReject } from './attributes.js';
import { isJid } from './jid.js';
import { messageFromAttributes } from './stanza.js';
import { messageProblems, wireNodeSchema } from './schema.js';
import { expectedReceived } from './messages.js';
import type { ReasonList } from './reasons.js';
import { codePointName, firstNonXmlChar, isXmlChar, isXmlText } from './xml/chars.js';
import { elementChildren, ownText, parseXml, XmlSyntaxError } from './xml/parse.js';

/** The two wire forms a stanza travels in (docs/contract.md). */
export type StanzaWire = 'xml' | 'node';

/**
 * A wire value reduced to what the stanza rules look at: the root, its
 * attributes, its element children with theirs, and its own text. XML text
 * and node objects both map onto it.
 */
export interface StanzaTree {
  tag: string;
  attrs: Record<string, string>;
  children: { tag: string; attrs: Record<string, string> }[];
  /** Text directly inside the root (XML), or a node's string content. */
  text: string;
}

/**
 * What is wrong with a stanza, by class. The names are the fault classes of
 * the suite's `reject.decode.refuses.*` checks, so a problem says which check
 * a decoder that accepts it fails.
 */
export type StanzaFault =
  | 'not-well-formed'
  | 'forbidden-character'
  | 'not-a-node'
  | 'doctype'
  | 'wrong-root'
  | 'stray-text'
  | 'no-child'
  | 'wrong-child'
  | 'two-rejects'
  | 'extra-child'
  | 'missing-attribute'
  | 'empty-attribute'
  | 'reason-outside-enum'
  | 'malformed-jid'
  /** A field of a message that is not a string at all (a stanza's attributes always are). */
  | 'not-a-string';

/**
 * The faults a conforming decoder may accept: the page says nothing of text
 * inside `<call>`, and a DOCTYPE is well-formed XML (docs/spec-decisions.md).
 * Refusing them is should-level; every other fault must be refused.
 */
export const SHOULD_LEVEL_FAULTS: readonly StanzaFault[] = ['doctype', 'stray-text'];

/** One reason a stanza is not a conforming call/reject stanza. */
export interface StanzaProblem {
  fault: StanzaFault;
  level: 'must' | 'should';
  /** One line, naming the element or attribute. */
  message: string;
  /** The wire name of the attribute at fault, for attribute problems. */
  attribute?: string;
}

/** A wire value as the spec reads it. */
export interface StanzaReading {
  /** The tree, when the value is well-formed XML or a node at all. */
  tree?: StanzaTree;
  /** The DOCTYPE, when the XML has one. */
  doctype?: string;
  /** The page's attributes as the stanza holds them (when it has exactly one `<reject>`), valid or not. */
  fields?: Partial<CallReject>;
  /** Every problem found, structure first; empty when the stanza conforms. */
  problems: StanzaProblem[];
  /** The message, when the only problems (if any) are should-level ones. */
  message?: CallReject;
}

const ROOT = STRUCTURE.root.tag;
const CHILD = STRUCTURE.child.tag;

const problem = (fault: StanzaFault, message: string, attribute?: string): StanzaProblem => ({
  fault,
  level: SHOULD_LEVEL_FAULTS.includes(fault) ? 'should' : 'must',
  message,
  ...(attribute !== undefined ? { attribute } : {}),
});

const CHAR_REF = /&#(x[0-9A-Fa-f]+|[0-9]+);/g;
const DOCTYPE = /<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>/;
/** What may come before a DOCTYPE: the XML declaration, comments, PIs and white space ([22] prolog); after the root one is plain syntax. */
const BEFORE_DOCTYPE = /^\uFEFF?(?:\s|<\?(?:[^?]|\?(?!>))*\?>|<!--(?:[^-]|-(?!->))*-->)*$/;

/**
 * Why XML text the parser refused is not a stanza: a character reference to
 * a character XML cannot carry (`&#0;`), a DOCTYPE whose entities the strict
 * parser does not expand (the text is well-formed without them: should-level,
 * like any DOCTYPE), or plain syntax.
 */
function syntaxProblem(text: string, error: string): StanzaProblem {
  for (const m of text.matchAll(CHAR_REF)) {
    const cp = m[1]!.startsWith('x') ? Number.parseInt(m[1]!.slice(1), 16) : Number(m[1]);
    if (!isXmlChar(cp))
      return problem(
        'forbidden-character',
        `not well-formed XML: ${m[0]} refers to ${cp > 0x10ffff ? 'no character' : codePointName(cp)}, which XML 1.0 cannot carry`,
      );
  }
  const doctype = DOCTYPE.exec(text);
  if (doctype && BEFORE_DOCTYPE.test(text.slice(0, doctype.index))) {
    const declared = [...doctype[0].matchAll(/<!ENTITY\s+([^\s%]+)/g)].map((d) => d[1]!);
    const without = text.replace(doctype[0], '').replace(/&([^;\s&]+);/g, (ref, name: string) => (declared.includes(name) ? 'x' : ref));
    try {
      parseXml(without);
      return problem(
        'doctype',
        `a stanza may not hold a DOCTYPE (this one declares entities a strict decoder does not expand: ${declared.join(', ') || 'none'})`,
      );
    } catch {
      // not well-formed even without its DOCTYPE
    }
  }
  return problem('not-well-formed', error);
}

/** The tree of `value` on `wire`, or the problem that it is not XML or not a node at all. */
export function stanzaTree(value: unknown, wire: StanzaWire): { tree: StanzaTree; doctype?: string } | { problem: StanzaProblem } {
  if (wire === 'xml') {
    if (typeof value !== 'string') return { problem: problem('not-a-node', expectedReceived('an XML string', value)) };
    const bad = firstNonXmlChar(value);
    if (bad !== undefined)
      return { problem: problem('forbidden-character', `not well-formed XML: ${codePointName(bad)} is not a character XML 1.0 can carry`) };
    try {
      const { root, doctype } = parseXml(value);
      const children = elementChildren(root).map((c) => ({ tag: c.name, attrs: c.attrs }));
      const tree = { tag: root.name, attrs: root.attrs, children, text: ownText(root) };
      return doctype === undefined ? { tree } : { tree, doctype };
    } catch (e) {
      if (!(e instanceof XmlSyntaxError)) throw e;
      return { problem: syntaxProblem(value, e.message) };
    }
  }
  const parsed = wireNodeSchema.safeParse(value);
  if (!parsed.success) {
    const at = parsed.error.issues[0]?.path.join('.') || 'node';
    return { problem: problem('not-a-node', `${at}: ${expectedReceived('a node { tag, attrs, content? }', value)}`) };
  }
  const { tag, attrs, content } = parsed.data;
  const children = Array.isArray(content) ? content.map((c) => ({ tag: c.tag, attrs: c.attrs })) : [];
  const text = typeof content === 'string' ? content : content instanceof Uint8Array ? '<bytes>' : '';
  return { tree: { tag, attrs, children, text } };
}

/** The structure's problems, in the order the reference codec reports them. */
function structureProblems(tree: StanzaTree): StanzaProblem[] {
  const out: StanzaProblem[] = [];
  if (tree.tag !== ROOT) out.push(problem('wrong-root', `expected a <${ROOT}> root element, received <${tree.tag}>`));
  if (tree.text.trim() !== '') {
    out.push(problem('stray-text', `<${ROOT}> holds text ${JSON.stringify(tree.text.trim())}: expected only one <${CHILD}> element`));
  }
  const rejects = tree.children.filter((c) => c.tag === CHILD);
  const other = tree.children.find((c) => c.tag !== CHILD);
  if (rejects.length === 0) {
    out.push(
      other
        ? problem('wrong-child', `<${ROOT}> has no <${CHILD}> child: expected exactly one, received <${other.tag}>`)
        : problem('no-child', `<${ROOT}> has no <${CHILD}> child: expected exactly one, received none`),
    );
  } else {
    if (rejects.length > 1) out.push(problem('two-rejects', `<${ROOT}> has ${rejects.length} <${CHILD}> children: expected exactly one`));
    if (other)
      out.push(problem('extra-child', `<${ROOT}> holds <${other.tag}> besides <${CHILD}>: expected <${CHILD}> to be its only element`));
  }
  return out;
}

/** The class of what is wrong with one attribute's value (messageProblems says it is wrong). */
function attributeFault(type: 'jid' | 'string' | 'reason', value: unknown): StanzaFault {
  if (value === undefined) return 'missing-attribute';
  if (type === 'reason') return 'reason-outside-enum';
  if (typeof value !== 'string') return 'not-a-string';
  if (value === '') return 'empty-attribute';
  if (!isXmlText(value)) return 'forbidden-character';
  return type === 'jid' && !isJid(value) ? 'malformed-jid' : 'empty-attribute';
}

/** The problems of a message's fields, one per attribute at fault, each naming it. */
export function fieldProblems(fields: unknown, reasons: ReasonList): StanzaProblem[] {
  return messageProblems(fields, reasons).map((p) => {
    const a = ATTRIBUTES.find((x) => x.name === p.attribute);
    const value = a && typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>)[a.field] : fields;
    return problem(a ? attributeFault(a.type, value) : 'not-a-string', p.message, p.attribute);
  });
}

/**
 * Reads `value` as a call/reject stanza on `wire`, exactly as the spec says
 * (the one reading the reference codecs, the corpus and `conformance
 * evidence` share): XML by XML 1.0 (saxes), a node by its schema; the
 * structure; each attribute by the zod schema. Never throws.
 */
export function readStanza(value: unknown, wire: StanzaWire, reasons: ReasonList): StanzaReading {
  const read = stanzaTree(value, wire);
  if ('problem' in read) return { problems: [read.problem] };
  const { tree } = read;
  const problems: StanzaProblem[] = [];
  if (read.doctype !== undefined) problems.push(problem('doctype', `a stanza may not hold a DOCTYPE: expected a <${ROOT}> element alone`));
  problems.push(...structureProblems(tree));
  const rejects = tree.children.filter((c) => c.tag === CHILD);
  const out: StanzaReading = { tree, ...(read.doctype !== undefined ? { doctype: read.doctype } : {}), problems };
  if (rejects.length !== 1) return out;
  const fields = messageFromAttributes(tree.attrs, rejects[0]!.attrs);
  problems.push(...fieldProblems(fields, reasons));
  out.fields = fields;
  if (problems.every((p) => p.level === 'should')) out.message = fields as CallReject;
  return out;
}

/** `reading`'s problems as one line, as the reference codec words a refusal: the first structural one, else every attribute's. */
export function refusalText(reading: StanzaReading): string | undefined {
  const first = reading.problems[0];
  if (!first) return undefined;
  if (first.attribute === undefined) return first.message;
  return reading.problems.map((p) => p.message).join('; ');
}

import {
  messageFromAttributes,
  messageProblems,
  STRUCTURE,
  type CallReject,
  type ReasonList,
} from '../../spec/index.js';
import { RejectCodecError } from './codec-error.js';

/** A wire form reduced to what the stanza rules look at; XML and node both map onto it. */
export interface StanzaTree {
  tag: string;
  attrs: Record<string, string>;
  /** Element children of the root, with their attributes. */
  children: { tag: string; attrs: Record<string, string> }[];
  /** Text directly inside the root. */
  text: string;
}

const ROOT = STRUCTURE.root.tag;
const CHILD = STRUCTURE.child.tag;

/** The message a tree holds, or a {@link RejectCodecError} naming what is wrong. */
export function messageFromTree(tree: StanzaTree, reasons: ReasonList): CallReject {
  if (tree.tag !== ROOT) {
    throw new RejectCodecError(`expected a <${ROOT}> root element, received <${tree.tag}>`);
  }
  if (tree.text.trim() !== '') {
    throw new RejectCodecError(`<${ROOT}> holds text ${JSON.stringify(tree.text.trim())}: expected only one <${CHILD}> element`);
  }
  const rejects = tree.children.filter((c) => c.tag === CHILD);
  const other = tree.children.find((c) => c.tag !== CHILD);
  if (rejects.length === 0) {
    const instead = other ? `, received <${other.tag}>` : ', received none';
    throw new RejectCodecError(`<${ROOT}> has no <${CHILD}> child: expected exactly one${instead}`);
  }
  if (rejects.length > 1) {
    throw new RejectCodecError(`<${ROOT}> has ${rejects.length} <${CHILD}> children: expected exactly one`);
  }
  if (other) {
    throw new RejectCodecError(`<${ROOT}> holds <${other.tag}> besides <${CHILD}>: expected <${CHILD}> to be its only element`);
  }
  const msg = messageFromAttributes(tree.attrs, rejects[0]!.attrs);
  const problems = messageProblems(msg, reasons);
  if (problems.length > 0) throw new RejectCodecError(problems.map((p) => p.message).join('; '));
  return msg as CallReject;
}

/** The message after validation, or a {@link RejectCodecError} naming the attribute at fault. */
export function checkedMessage(msg: unknown, reasons: ReasonList): CallReject {
  const problems = messageProblems(msg, reasons);
  if (problems.length > 0) {
    throw new RejectCodecError(`cannot encode: ${problems.map((p) => p.message).join('; ')}`);
  }
  return msg as CallReject;
}

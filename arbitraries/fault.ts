import type { CallReject } from '../spec/index.js';

/** The fault classes of decode mutations and invalid messages; each check is about one. */
export type FaultGroup =
  | 'missing-attribute'
  | 'empty-attribute'
  | 'reason-outside-enum'
  | 'malformed-jid'
  | 'wrong-child'
  | 'no-child'
  | 'two-rejects'
  | 'extra-child'
  | 'wrong-root'
  | 'stray-text'
  | 'not-well-formed'
  | 'forbidden-character'
  | 'doctype'
  | 'not-a-node'
  | 'unencodable-character';

/** One deliberately broken input: what is wrong with it, and the names an error about it may use. */
export interface Fault<T> {
  group: FaultGroup;
  /** The exact fault, e.g. `missing-attribute:call-id`. */
  fault: string;
  /** Words one of which an error message naming the culprit contains; empty when no name is owed. */
  culprit: string[];
  input: T;
  /** The valid message the fault was made from, when there is one. */
  base?: CallReject;
}

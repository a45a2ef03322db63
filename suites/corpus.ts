import type { Wire } from '../adapters/contract.js';
import type { CallOffer, CallReject, ReplyOptions } from '../spec/index.js';

/**
 * A corpus: stanzas kept as files (README: Corpus), replayed by the
 * `reject.corpus.*` checks before any generated case, each file a kind of
 * its own named by its path. Loaded and checked against the spec before the
 * codec starts (runner/corpus.ts), so every case here is what its folder says.
 */
export interface Corpus {
  /** A stanza of `valid/`, on its own wire, and the message it means. */
  stanzas: { name: string; wire: Wire; value: unknown; message: CallReject }[];
  /** A valid message: of each valid stanza, and of each `valid/NAME.message.json` standing alone. */
  messages: { name: string; message: CallReject }[];
  /** A stanza of `invalid/`: `must` when a fault must be refused, `should` when its only faults are a DOCTYPE or text inside `<call>`. */
  invalid: { name: string; wire: Wire; value: unknown; level: 'must' | 'should'; problems: string[] }[];
  /** A message of `invalid/` that encode must refuse; `xmlOnly` when its only fault is a character XML cannot carry. */
  invalidMessages: { name: string; message: unknown; xmlOnly: boolean; problems: string[] }[];
  /** A reply case of `reply/`: an offer and the options to answer it with. */
  replies: { name: string; offer: CallOffer; options: ReplyOptions }[];
}

/** A corpus with nothing in it. */
export const EMPTY_CORPUS: Corpus = Object.freeze({ stanzas: [], messages: [], invalid: [], invalidMessages: [], replies: [] });

/**
 * What `--save-failures` writes for one failing case, in the corpus layout:
 * a valid stanza with its message (or a valid message alone), an invalid
 * stanza, an invalid message, or a reply case.
 */
export type CorpusCase =
  | { layout: 'valid'; wire?: Wire; stanza?: unknown; message: CallReject }
  | { layout: 'invalid'; wire: Wire; stanza: unknown }
  | { layout: 'invalid-message'; message: unknown }
  | { layout: 'reply'; offer: CallOffer; options: ReplyOptions };

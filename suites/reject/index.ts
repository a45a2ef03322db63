import type { Check } from '../check.js';
import { CORPUS_CHECKS } from './corpus.js';
import { DECODE_CHECKS } from './decode.js';
import { DECODE_REFUSAL_CHECKS } from './decode-refuses.js';
import { ENCODE_CHECKS } from './encode.js';
import { ENCODE_REFUSAL_CHECKS } from './encode-refuses.js';
import { HYGIENE_CHECKS } from './hygiene.js';
import { REASON_LIST_CHECKS } from './reason-list.js';
import { REPLY_CHECKS } from './reply.js';
import { ROUNDTRIP_CHECKS } from './roundtrip.js';
import { SEQUENCE_CHECKS } from './sequence.js';

/**
 * The reject suite, in the order reports list it: the corpus's files first. Frozen, checks and all: an
 * adapter run in this process (--no-isolation) that imports the suite cannot
 * turn a check into one that always passes.
 */
export const REJECT_SUITE: readonly Check[] = Object.freeze(
  [
    // The corpus first: its files replay before any generated case.
    ...CORPUS_CHECKS,
    ...ENCODE_CHECKS,
    ...ENCODE_REFUSAL_CHECKS,
    ...DECODE_CHECKS,
    ...DECODE_REFUSAL_CHECKS,
    ...REASON_LIST_CHECKS,
    ...ROUNDTRIP_CHECKS,
    ...REPLY_CHECKS,
    ...HYGIENE_CHECKS,
    ...SEQUENCE_CHECKS,
  ].map((c) => Object.freeze(c)),
);

import type { Check } from '../check.js';
import { DECODE_CHECKS } from './decode.js';
import { DECODE_REFUSAL_CHECKS } from './decode-refuses.js';
import { ENCODE_CHECKS } from './encode.js';
import { ENCODE_REFUSAL_CHECKS } from './encode-refuses.js';
import { HYGIENE_CHECKS } from './hygiene.js';
import { REASON_LIST_CHECKS } from './reason-list.js';
import { REPLY_CHECKS } from './reply.js';
import { ROUNDTRIP_CHECKS } from './roundtrip.js';

/** The reject suite, in the order reports list it. */
export const REJECT_SUITE: readonly Check[] = [
  ...ENCODE_CHECKS,
  ...ENCODE_REFUSAL_CHECKS,
  ...DECODE_CHECKS,
  ...DECODE_REFUSAL_CHECKS,
  ...REASON_LIST_CHECKS,
  ...ROUNDTRIP_CHECKS,
  ...REPLY_CHECKS,
  ...HYGIENE_CHECKS,
];

import fc from 'fast-check';
import { JID_ATTRIBUTES, REQUIRED_ATTRIBUTES, ATTRIBUTES, type AttributeFact, type CallReject, type ReasonList } from '../spec/index.js';
import { badReasonArb } from './bad-reason.js';
import { callRejectArb } from './call-reject.js';
import type { Fault } from './fault.js';
import { malformedJidArb } from './malformed-jid.js';

/** The fault classes of messages that cannot be a conforming stanza. */
export type MessageFaultGroup = 'missing-attribute' | 'empty-attribute' | 'reason-outside-enum' | 'malformed-jid' | 'unencodable-character';

/** A message that no encoder may write, made from a valid one by one fault. */
export type InvalidMessage = Fault<Record<string, unknown>> & { base: CallReject };

/** Characters XML 1.0 cannot carry, as they would sit in a JavaScript string. */
export const UNENCODABLE_CHARS: Readonly<Record<string, string>> = {
  nul: '\u0000', control: '\u0001', escape: '\u001b', fffe: '\ufffe', ffff: '\uffff',
  'lone-high-surrogate': '\ud83d', 'lone-low-surrogate': '\ude00',
};

type Edit = { fault: string; field: AttributeFact; value?: unknown; drop?: boolean };

const TEXT_ATTRIBUTES = ATTRIBUTES.filter((a) => a.type === 'string');

function edits(reasons: ReasonList): Record<MessageFaultGroup, fc.Arbitrary<Edit>> {
  const reasonAttr = ATTRIBUTES.find((a) => a.type === 'reason')!;
  return {
    'missing-attribute': fc.tuple(fc.constantFrom(...REQUIRED_ATTRIBUTES), fc.boolean()).map(([a, explicit]) => ({
      fault: `missing-attribute:${a.field}${explicit ? '=undefined' : ''}`, field: a, drop: !explicit, value: undefined,
    })),
    'empty-attribute': fc.constantFrom(...REQUIRED_ATTRIBUTES).map((a) => ({ fault: `empty-attribute:${a.field}`, field: a, value: '' })),
    'reason-outside-enum': fc.oneof(badReasonArb(reasons), fc.constant(null)).map((r) => ({
      fault: `reason-outside-enum:${JSON.stringify(r)}`, field: reasonAttr, value: r,
    })),
    'malformed-jid': fc.tuple(fc.constantFrom(...JID_ATTRIBUTES), malformedJidArb).map(([a, { kind, jid }]) => ({
      fault: `malformed-jid:${a.field}:${kind}`, field: a, value: jid,
    })),
    'unencodable-character': fc
      .tuple(fc.constantFrom(...TEXT_ATTRIBUTES), fc.constantFrom(...Object.keys(UNENCODABLE_CHARS)), fc.nat(4))
      .map(([a, k, at]) => ({ fault: `unencodable-character:${a.field}:${k}`, field: a, value: at, char: UNENCODABLE_CHARS[k] }))
      .map(({ char, value, ...rest }) => ({ ...rest, value: { insert: char, at: value } })),
  };
}

/**
 * A valid message broken by one fault of class `g`: a required field missing
 * (absent or `undefined`) or empty, a reason outside the enum (`""`, case
 * variants, `null`), a malformed JID, a character XML cannot carry.
 */
export function invalidMessageArb(reasons: ReasonList, g: MessageFaultGroup): fc.Arbitrary<InvalidMessage> {
  return fc.tuple(callRejectArb(reasons), edits(reasons)[g]).map(([base, edit]) => {
    const input: Record<string, unknown> = { ...base };
    const key = edit.field.field;
    if (edit.drop) delete input[key];
    else if (g === 'unencodable-character') {
      const { insert, at } = edit.value as { insert: string; at: number };
      const chars = [...base[key]!];
      chars.splice(Math.min(at, chars.length), 0, insert);
      input[key] = chars.join('');
    } else input[key] = edit.value;
    return { group: g, fault: edit.fault, culprit: [edit.field.name, key], input, base };
  });
}

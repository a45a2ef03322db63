import fc from 'fast-check';
import {
  JID_ATTRIBUTES,
  REQUIRED_ATTRIBUTES,
  ATTRIBUTES,
  type AttributeFact,
  type CallReject,
  type ReasonList,
  perReasonList,
} from '../spec/index.js';
import { badReasonKinds } from './bad-reason.js';
import { callRejectArb } from './call-reject.js';
import type { Fault } from './fault.js';
import { anyOfKinds, editedKinds, kind, type CaseKind } from './kinds.js';
import { malformedJidKindsFor } from './malformed-jid.js';

/** The fault classes of messages that cannot be a conforming stanza. */
export type MessageFaultGroup = 'missing-attribute' | 'empty-attribute' | 'reason-outside-enum' | 'malformed-jid' | 'unencodable-character';

/** The message fault classes, in the order checks list them. */
export const MESSAGE_FAULT_GROUPS: readonly MessageFaultGroup[] = [
  'missing-attribute',
  'empty-attribute',
  'reason-outside-enum',
  'malformed-jid',
  'unencodable-character',
];

/** A message that no encoder may write, made from a valid one by one fault. */
export type InvalidMessage = Fault<Record<string, unknown>> & { base: CallReject };

/** Characters XML 1.0 cannot carry, as they would sit in a JavaScript string. */
export const UNENCODABLE_CHARS: Readonly<Record<string, string>> = {
  nul: '\u0000',
  control: '\u0001',
  escape: '\u001b',
  'vertical-tab': '\u000b',
  fffe: '\ufffe',
  ffff: '\uffff',
  'lone-high-surrogate': '\ud83d',
  'lone-low-surrogate': '\ude00',
};

/** How one fault changes the message: the field, and its new value (or none at all). */
type Edit = { field: AttributeFact; drop?: true; set?: (old: string) => unknown };

const TEXT_ATTRIBUTES = ATTRIBUTES.filter((a) => a.type === 'string');
const REASON = ATTRIBUTES.find((a) => a.type === 'reason')!;

/** `ch` put inside `text` at a position drawn from `at`. */
const inserted = (ch: string) =>
  fc.nat(4).map((at) => (old: string) => {
    const chars = [...old];
    chars.splice(Math.min(at, chars.length), 0, ch);
    return chars.join('');
  });

/** Each fault class's kinds, named `class:field:variant`, from the tables they come from. */
function editKinds(reasons: ReasonList): Record<MessageFaultGroup, CaseKind<Edit>[]> {
  const constant = (edit: Edit) => fc.constant(edit);
  return {
    'missing-attribute': REQUIRED_ATTRIBUTES.flatMap((a) => [
      kind(`missing-attribute:${a.field}`, constant({ field: a, drop: true })),
      kind(`missing-attribute:${a.field}=undefined`, constant({ field: a, set: () => undefined })),
    ]),
    'empty-attribute': REQUIRED_ATTRIBUTES.map((a) => kind(`empty-attribute:${a.field}`, constant({ field: a, set: () => '' }))),
    'reason-outside-enum': [
      ...badReasonKinds(reasons).map((k) =>
        kind(
          `reason-outside-enum:${k.name}`,
          k.arbitrary.map((r): Edit => ({ field: REASON, set: () => r })),
        ),
      ),
      kind('reason-outside-enum:null', constant({ field: REASON, set: () => null })),
    ],
    'malformed-jid': JID_ATTRIBUTES.flatMap((a, slot) =>
      malformedJidKindsFor(slot).map((k) =>
        kind(
          `malformed-jid:${a.field}:${k.name}`,
          k.arbitrary.map((jid): Edit => ({ field: a, set: () => jid })),
        ),
      ),
    ),
    'unencodable-character': TEXT_ATTRIBUTES.flatMap((a) =>
      Object.entries(UNENCODABLE_CHARS).map(([name, ch]) =>
        kind(
          `unencodable-character:${a.field}:${name}`,
          inserted(ch).map((set): Edit => ({ field: a, set })),
        ),
      ),
    ),
  };
}

/**
 * The kinds of invalid message of class `g`, each a valid message broken by
 * exactly that fault: a required field missing (absent or `undefined`) or
 * empty, a reason outside the enum (each near miss, each plausible value,
 * `null`), each kind of malformed JID in each JID field, each character XML
 * cannot carry in each text field.
 */
export const invalidMessageKinds = perReasonList((reasons: ReasonList) =>
  editedKinds(MESSAGE_FAULT_GROUPS, editKinds(reasons), callRejectArb(reasons), (g, base, edit, name): InvalidMessage => {
    const input: Record<string, unknown> = { ...base };
    const key = edit.field.field;
    if (edit.drop) delete input[key];
    else input[key] = edit.set!(String(base[key] ?? ''));
    return { group: g, fault: name, culprit: [edit.field.name, key], input, base };
  }),
);

/** A valid message broken by one fault of class `g`, of any of its kinds. */
export function invalidMessageArb(reasons: ReasonList, g: MessageFaultGroup): fc.Arbitrary<InvalidMessage> {
  return anyOfKinds(invalidMessageKinds(reasons)[g]);
}

import type { Provenance } from './facts.js';

/** The logical message: the fields of one call/reject stanza (docs/contract.md). */
export interface CallReject {
  /** `<call from>`: JID of the callee device declining the call. */
  from: string;
  /** `<call to>`: JID of the caller the rejection is routed to. */
  to: string;
  /** `<call id>`: stanza id. */
  id: string;
  /** `<reject call-id>`: the call session id, verbatim from the offer. */
  callId: string;
  /** `<reject call-creator>`: JID of the caller. */
  callCreator: string;
  /** `<reject reason>`: one of enum:terminate-reasons; absent when the stanza has none. */
  reason?: string;
}

/** A field of {@link CallReject}. */
export type Field = keyof CallReject;

/** One attribute of the stanza, as the page's tables give it. */
export interface AttributeFact extends Provenance {
  readonly element: 'call' | 'reject';
  /** The attribute's name on the wire. */
  readonly name: string;
  /** The field of {@link CallReject} that holds it. */
  readonly field: Field;
  readonly type: 'jid' | 'string' | 'reason';
  readonly required: boolean;
  readonly description: string;
  /** The page's observed value. */
  readonly observed: string;
}

/** Every attribute the page defines, in page order. The one list the suite derives from. */
export const ATTRIBUTES: readonly AttributeFact[] = [
  {
    element: 'call',
    name: 'from',
    field: 'from',
    type: 'jid',
    required: true,
    confidence: 'probable',
    basis: 'page',
    description: 'JID of the callee device declining the call',
    observed: 'B.0:7@s.whatsapp.net',
  },
  {
    element: 'call',
    name: 'to',
    field: 'to',
    type: 'jid',
    required: true,
    confidence: 'probable',
    basis: 'page',
    description: 'JID of the caller the rejection is routed to',
    observed: 'A@s.whatsapp.net',
  },
  {
    element: 'call',
    name: 'id',
    field: 'id',
    type: 'string',
    required: true,
    confidence: 'probable',
    basis: 'page',
    description: 'stanza id',
    observed: '5E6F708192',
  },
  {
    element: 'reject',
    name: 'call-id',
    field: 'callId',
    type: 'string',
    required: true,
    confidence: 'probable',
    basis: 'page',
    description: 'the call session id, copied verbatim from the offer',
    observed: 'CALLID-0001-synthetic',
  },
  {
    element: 'reject',
    name: 'call-creator',
    field: 'callCreator',
    type: 'jid',
    required: true,
    confidence: 'probable',
    basis: 'page',
    description: 'JID of the call creator (the caller)',
    observed: 'A@s.whatsapp.net',
  },
  {
    element: 'reject',
    name: 'reason',
    field: 'reason',
    type: 'reason',
    required: false,
    confidence: 'probable',
    basis: 'page',
    description: 'why the call was rejected, from enum:terminate-reasons',
    observed: 'declined',
  },
];

/** The required attributes, in page order. */
export const REQUIRED_ATTRIBUTES = ATTRIBUTES.filter((a) => a.required);

/** The attributes whose value is a JID. */
export const JID_ATTRIBUTES = ATTRIBUTES.filter((a) => a.type === 'jid');

/** `<reject call-id>`: how messages name an attribute. */
export function attributeLabel(a: Pick<AttributeFact, 'element' | 'name'>): string {
  return `<${a.element} ${a.name}>`;
}

/** Rules about the stanza's shape, with their provenance. */
export const STRUCTURE = {
  root: { tag: 'call', confidence: 'probable', basis: 'page' },
  child: { tag: 'reject', occurrence: 1, confidence: 'probable', basis: 'page' },
  otherElementChildren: { allowed: false, confidence: 'probable', basis: 'decision' },
  unknownAttributes: { tolerated: true, confidence: 'probable', basis: 'decision' },
  rejectContent: { ignored: true, confidence: 'probable', basis: 'decision' },
  strayText: { allowed: false, confidence: 'speculative', basis: 'decision' },
} as const;

/** The page's own example, and the message it means. */
export const PAGE_EXAMPLE = {
  xml:
    '<call from="B.0:7@s.whatsapp.net" to="A@s.whatsapp.net" id="5E6F708192">\n' +
    '  <reject call-id="CALLID-0001-synthetic" call-creator="A@s.whatsapp.net" reason="declined"/>\n' +
    '</call>',
  message: {
    from: 'B.0:7@s.whatsapp.net',
    to: 'A@s.whatsapp.net',
    id: '5E6F708192',
    callId: 'CALLID-0001-synthetic',
    callCreator: 'A@s.whatsapp.net',
    reason: 'declined',
  } satisfies CallReject,
} as const;

import fc from 'fast-check';
import { PAGE_EXAMPLE, perReasonList, type CallReject, type ReasonList } from '../spec/index.js';
import { jidArb, JID_EDGES } from './jid.js';
import { callIdArb, CALL_ID_EDGES, stanzaIdArb } from './text.js';

/** A reason: absent, or any value of the list in force. */
export function reasonArb(reasons: ReasonList): fc.Arbitrary<string> {
  return fc.constantFrom(...reasons.values);
}

/**
 * A valid message. An absent reason is sometimes a missing key and sometimes
 * a key holding `undefined`: docs/contract.md allows both.
 */
export const callRejectArb = perReasonList((reasons: ReasonList): fc.Arbitrary<CallReject> => {
  return fc
    .tuple(
      fc.record(
        { from: jidArb, to: jidArb, id: stanzaIdArb, callId: callIdArb, callCreator: jidArb, reason: reasonArb(reasons) },
        { requiredKeys: ['from', 'to', 'id', 'callId', 'callCreator'], noNullPrototype: true },
      ),
      fc.boolean(),
    )
    .map(([msg, explicitUndefined]) => (explicitUndefined && !('reason' in msg) ? { ...msg, reason: undefined } : msg));
});

/**
 * Messages tried before the random ones: the page's example, each reason and
 * none, each edge call-id and each edge JID in every JID field.
 */
export function callRejectEdges(reasons: ReasonList): CallReject[] {
  const { reason: _reason, ...base } = PAGE_EXAMPLE.message;
  const out: CallReject[] = [{ ...PAGE_EXAMPLE.message }, { ...base }, { ...base, reason: undefined }];
  for (const reason of reasons.values) out.push({ ...base, reason });
  for (const callId of CALL_ID_EDGES) out.push({ ...base, callId, id: callId.slice(0, 64) });
  for (const jid of JID_EDGES) out.push({ ...base, from: jid, to: jid, callCreator: jid });
  return out;
}

import type { CheckContext, Finding } from '../check.js';
import { mayRefuse } from './compare.js';
import { returnedValue } from './outcome.js';
import { readWire, rejectContentFinding, stanzaAttrs, structureFinding } from './wire-view.js';

/** What encoding a valid message gave: attributes to look at, a finding, or nothing to judge. */
export type EncodeResult =
  { attrs: { call: Record<string, string>; reject: Record<string, string> } } | { finding: Finding } | { skip: true };

/**
 * Calls `op` (encode or reply) and reads the attributes back with the oracle. A refusal of a
 * reason outside declined/busy is accepted (the page's open question); output
 * that is not a readable stanza is left to the well-formed and structure
 * checks, so each fault fails the check that is about it; with `shape`, it is
 * this call's finding, and so is anything inside `<reject>` (for a check that holds one call to all those rules).
 */
export async function encodeAndRead(
  ctx: CheckContext,
  op: 'encode' | 'reply',
  args: unknown[],
  reason: string | undefined,
  shape = false,
): Promise<EncodeResult> {
  const outcome = await ctx.codec.call(op, ...args);
  if (outcome.kind === 'threw' && mayRefuse({ reason }, ctx.reasons)) return { skip: true };
  const got = returnedValue(outcome, op, 'the wire form of the stanza');
  if ('finding' in got) return got;
  const read = readWire(got.value, ctx.wire);
  if ('finding' in read) return shape ? read : { skip: true };
  const attrs = stanzaAttrs(read.view);
  const inside = shape && attrs ? rejectContentFinding(read.view, ctx.wire) : undefined;
  if (inside) return { finding: { ...inside, received: got.value } };
  if (attrs) return { attrs };
  return shape ? { finding: { ...structureFinding(read.view)!, received: got.value } } : { skip: true };
}

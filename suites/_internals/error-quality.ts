import type { Operation } from '../../adapters/contract.js';
import type { Fault } from '../../arbitraries/index.js';
import type { CheckContext, Finding } from '../check.js';
import { mayRefuse } from './compare.js';
import { isErrorLike, thrownText } from '../../spec/thrown.js';

/** Whether `text` names one of `culprit` as a word (case-insensitive). */
export function namesCulprit(text: string, culprit: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return culprit.some((name) => {
    const n = name.toLowerCase();
    let at = lower.indexOf(n);
    while (at >= 0) {
      const before = lower[at - 1] ?? ' ';
      const after = lower[at + n.length] ?? ' ';
      if (!/[a-z0-9_]/.test(before) && !/[a-z0-9_]/.test(after)) return true;
      at = lower.indexOf(n, at + 1);
    }
    return false;
  });
}

/**
 * Calls `op` on a faulty input and judges what it threw: `type` wants an
 * Error, `names` wants its message to name the culprit. A call that does not
 * throw is left to the refusal checks.
 */
export async function judgeError(
  op: Operation,
  fault: Fault<unknown>,
  ctx: CheckContext,
  want: 'type' | 'names',
): Promise<Finding | undefined> {
  const outcome = await ctx.codec.call(op, fault.input);
  if (outcome.kind !== 'threw') return undefined;
  const error = outcome.error;
  if (want === 'type') {
    if (isErrorLike(error)) return undefined;
    return {
      code: 'not_an_error',
      message: `${op} threw ${thrownText(error)} on ${fault.fault}`,
      expected: 'an Error',
      received: thrownText(error),
    };
  }
  if (fault.culprit.length === 0) return undefined;
  const text = isErrorLike(error) ? String(error.message) : String(error);
  // A codec taking the subset reading of the reason list (docs/spec-decisions.md) may
  // see a second fault in a reason beyond declined and busy, and name that one.
  const culprit = [...new Set(fault.base && mayRefuse(fault.base, ctx.reasons) ? [...fault.culprit, 'reason'] : fault.culprit)];
  if (namesCulprit(text, culprit)) return undefined;
  return {
    code: 'vague_error',
    message: `${op} refused ${fault.fault} with a message that ${culprit.length === 1 ? `does not name ${culprit[0]}` : `names none of ${culprit.join(', ')}`}: ${JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text)}`,
    expected: `a message naming ${culprit.join(' or ')}`,
    received: text,
  };
}

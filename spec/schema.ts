import { z } from 'zod';
import { ATTRIBUTES, attributeLabel, type AttributeFact, type CallReject } from './attributes.js';
import { isJid } from './jid.js';
import { EXPECTED_BY_TYPE, expectedReason, expectedReceived } from './messages.js';
import { perReasonList, type ReasonList } from './reasons.js';
import { isXmlText } from './xml/chars.js';

/** What a value of one attribute type must be. */
function makeAttributeSchema(a: AttributeFact, reasons: ReasonList): z.ZodType<string | undefined> {
  if (a.type === 'reason') return z.enum(reasons.values as [string, ...string[]]).optional();
  const text = z.string().min(1).refine(isXmlText);
  return a.type === 'jid' ? text.refine(isJid) : text;
}

/** The schema of each attribute under one reason list, built once per list. */
const attributeSchemas = perReasonList((reasons) => new Map(ATTRIBUTES.map((a) => [a, makeAttributeSchema(a, reasons)])));

function attributeSchema(a: AttributeFact, reasons: ReasonList): z.ZodType<string | undefined> {
  return attributeSchemas(reasons).get(a)!;
}

/**
 * The zod schema of a conforming {@link CallReject} under one reason list.
 * Derived from {@link ATTRIBUTES}; unknown keys are ignored, as docs/contract.md says.
 */
export function callRejectSchema(reasons: ReasonList): z.ZodType<CallReject> {
  const shape = Object.fromEntries(ATTRIBUTES.map((a) => [a.field, attributeSchema(a, reasons)]));
  return z.object(shape) as unknown as z.ZodType<CallReject>;
}

/** One reason a value is not a conforming message, naming the attribute. */
export interface Problem {
  /** The wire name of the attribute, e.g. `call-id`. */
  attribute: string;
  /** `<reject call-id>: expected …, received …`. */
  message: string;
}

/** Every way `value` fails to be a conforming {@link CallReject}, attribute by attribute. */
export function messageProblems(value: unknown, reasons: ReasonList): Problem[] {
  if (typeof value !== 'object' || value === null) {
    return [{ attribute: 'call', message: expectedReceived('a CallReject object', value) }];
  }
  const record = value as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const a of ATTRIBUTES) {
    if (attributeSchema(a, reasons).safeParse(record[a.field]).success) continue;
    const expected = a.type === 'reason' ? expectedReason(reasons.values) : EXPECTED_BY_TYPE[a.type];
    problems.push({ attribute: a.name, message: `${attributeLabel(a)}: ${expectedReceived(expected, record[a.field])}` });
  }
  return problems;
}

/** A node of the in-memory wire form (`wire: 'node'`). */
export interface WireNode {
  tag: string;
  attrs: Record<string, string>;
  content?: WireNode[] | string | Uint8Array;
}

/** The zod schema of a {@link WireNode}, at any depth. */
export const wireNodeSchema: z.ZodType<WireNode> = z.lazy(() =>
  z.object({
    tag: z.string().min(1),
    attrs: z.record(z.string(), z.string()),
    content: z.union([z.array(wireNodeSchema), z.string(), z.instanceof(Uint8Array)]).optional(),
  }),
);

/** The fields of an incoming offer that a reply uses (docs/contract.md). */
export interface CallOffer {
  from: string;
  to: string;
  id: string;
  callId: string;
  callCreator: string;
}

/** The options of a reply (docs/contract.md). */
export interface ReplyOptions {
  from: string;
  id?: string;
  reason?: string;
}

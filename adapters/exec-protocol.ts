import { z } from 'zod';
import { describeValue } from '../spec/index.js';

/**
 * The subprocess protocol (README "Codecs in any language"): JSON lines over
 * stdin/stdout. The testee says hello first; then each request carries an id,
 * an operation and its input, and each response the same id and either the
 * output or an error message. Responses may come in any order.
 */
export const EXEC_PROTOCOL_VERSION = 1;

export const helloSchema = z.object({
  type: z.literal('hello'),
  protocol: z.literal(EXEC_PROTOCOL_VERSION),
  name: z.string().min(1),
  version: z.string().optional(),
  wire: z.enum(['xml', 'node']),
  operations: z.array(z.enum(['encode', 'decode', 'reply'])).min(1),
});

/** The testee's first line. */
export type Hello = z.infer<typeof helloSchema>;

export const responseSchema = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), output: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: z.string() }),
]);

/** One response line. */
export type Response = z.infer<typeof responseSchema>;

/** `value` as protocol JSON: bytes (a node's Uint8Array content) as `{ "$bytes": base64 }`. */
export function toProtocol(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(toProtocol);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toProtocol(v)]),
    );
  }
  return value;
}

/** How deep a testee's answer may nest (a stanza's node tree is 3 deep); deeper cannot be judged. */
export const PROTOCOL_MAX_DEPTH = 64;

/** Protocol JSON back as values: `{ "$bytes": base64 }` as a Uint8Array. Throws a RangeError past {@link PROTOCOL_MAX_DEPTH}. */
export function fromProtocol(value: unknown, depth = 0): unknown {
  if (depth > PROTOCOL_MAX_DEPTH) throw new RangeError(`it nests deeper than ${PROTOCOL_MAX_DEPTH} levels`);
  if (Array.isArray(value)) return value.map((v) => fromProtocol(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$bytes' && typeof (value as { $bytes: unknown }).$bytes === 'string') {
      return new Uint8Array(Buffer.from((value as { $bytes: string }).$bytes, 'base64'));
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromProtocol(v, depth + 1)]));
  }
  return value;
}

/** Why a hello line is not one, in words. */
export function helloProblem(line: string): string | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return `its first line is not JSON: ${JSON.stringify(line.slice(0, 120))}`;
  }
  const parsed = helloSchema.safeParse(raw);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  const at = issue.path.join('.') || 'the line';
  return `its hello line is wrong at \`${at}\`: ${issue.message}; expected {"type":"hello","protocol":${EXEC_PROTOCOL_VERSION},"name":…,"wire":"xml"|"node","operations":[…]}, received ${describeValue(raw)}`;
}

/** What a testee says it is, in a form two hellos can be compared by (operations as a set). */
const identity = (h: Hello) =>
  JSON.stringify({ name: h.name, version: h.version, wire: h.wire, operations: [...new Set(h.operations)].sort() });

/** How `now` differs from the hello the testee said `before`, in words; none when it says the same. */
export function helloChange(before: Hello, now: Hello): string | undefined {
  const [a, b] = [identity(before), identity(now)];
  return a === b ? undefined : `expected the hello it said first, ${a}, received ${b}`;
}

/** Splits a command line into words: spaces separate, single or double quotes group, backslash escapes. */
export function splitCommand(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has || word) words.push(word);
      word = '';
      has = false;
    } else word += c;
  }
  if (quote) throw new Error(`unclosed ${quote} in the command`);
  if (has || word) words.push(word);
  return words;
}

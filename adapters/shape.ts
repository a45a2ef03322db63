import { z } from 'zod';
import { expectedReceived } from '../spec/index.js';
import type { Adapter } from './contract.js';
import { ConformanceError } from './errors.js';
import { misspeltMember } from './misspelt-member.js';

const fn = z.custom<(...args: unknown[]) => unknown>((v) => typeof v === 'function');

const adapterSchema = z.object({
  name: z.string().min(1),
  version: z.string().optional(),
  wire: z.enum(['xml', 'node']).optional(),
  reject: z
    .object({ encode: fn.optional(), decode: fn.optional(), reply: fn.optional() })
    .refine((r) => r.encode || r.decode || r.reply, { path: [] }),
  setup: fn.optional(),
  teardown: fn.optional(),
});

/** What each member must be, for messages. */
const EXPECTED: Record<string, string> = {
  '': 'an object { name, reject: { encode?, decode?, reply? } }',
  name: 'a non-empty string',
  version: 'a string',
  wire: "'xml' or 'node'",
  reject: 'an object with at least one of encode, decode, reply',
  'reject.encode': 'a function',
  'reject.decode': 'a function',
  'reject.reply': 'a function',
  setup: 'a function',
  teardown: 'a function',
};

/** Members without which an adapter is wrong anyway: no helper may stand in for them. */
const REQUIRED = ['name', 'reject'];

function at(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) v = v === null || typeof v !== 'object' ? undefined : (v as Record<PropertyKey, unknown>)[key];
  return v;
}

/**
 * `value` as an {@link Adapter}, or a {@link ConformanceError} naming the
 * first member that is wrong and saying what it should be. A key that looks
 * like a misspelt member the adapter leaves out (see misspeltMember) is wrong
 * too; any other extra key is allowed.
 */
export function checkAdapterShape(value: unknown, where: string): Adapter {
  const typo = misspeltMember(value);
  if (typo) {
    const { at, key, meant } = typo;
    const helper = REQUIRED.includes(`${at}${meant}`)
      ? ''
      : ` (if \`${key}\` is your own helper, rename it, or write \`${meant}: undefined\` to say there is no ${meant})`;
    throw new ConformanceError(
      'adapter_shape',
      `adapter ${where}: \`${at}${key}\` is not part of the adapter contract: did you mean \`${at}${meant}\`?${helper}`,
    );
  }
  const parsed = adapterSchema.safeParse(value);
  if (parsed.success) return value as Adapter;
  const issue = parsed.error.issues[0]!;
  const member = issue.path.map(String).join('.');
  const expected = EXPECTED[member] ?? 'a valid member';
  const label = member === '' ? 'the exported adapter' : `\`${member}\``;
  throw new ConformanceError('adapter_shape', `adapter ${where}: ${label} ${expectedReceived(expected, at(value, issue.path))}`);
}

import fc from 'fast-check';
import { kind, type Kinds } from '../../arbitraries/index.js';
import { readStanza, type CallReject } from '../../spec/index.js';
import { defineCheck, type Check, type CheckContext, type Finding } from '../check.js';
import { EMPTY_CORPUS, type Corpus } from '../corpus.js';
import { compareMessages, mayRefuse, normalMessage, SUBSET_READING_ACCEPTED } from '../_internals/compare.js';
import { returnedValue, refusal } from '../_internals/outcome.js';
import { ref } from '../_internals/refs.js';
import { readWire, rejectContentFinding, stanzaAttrs } from '../_internals/wire-view.js';
import { decodesTo, type Meaning } from './decode.js';
import { judgeReply } from './reply.js';
import { roundtrips } from './roundtrip.js';

const rule = ref.contract('The corpus');

/** Every file of one part of the run's corpus as a kind of its own, named by its path. */
function files<K extends keyof Corpus, T>(
  part: K,
  input: (e: Corpus[K][number]) => T,
  keep: (e: Corpus[K][number], ctx: CheckContext) => boolean = () => true,
) {
  return (ctx: CheckContext): Kinds<T> =>
    (ctx.corpus ?? EMPTY_CORPUS)[part]
      .filter((e: Corpus[K][number]) => keep(e, ctx))
      .map((e: Corpus[K][number]) => kind(e.name, fc.constant(input(e))));
}

const base = { basis: 'contract', reference: rule, fixed: true, wires: ['xml', 'node'] } as const;
const onWire = (e: { wire: string }, ctx: CheckContext) => e.wire === ctx.wire;

/** encode(m) written the way the spec reads it holds m again, whatever its layout. */
async function encodesTo(msg: CallReject, ctx: CheckContext): Promise<Finding | undefined> {
  const outcome = await ctx.codec.call('encode', msg);
  if (outcome.kind === 'threw' && mayRefuse(msg, ctx.reasons)) return undefined;
  const got = returnedValue(outcome, 'encode', 'the wire form of the stanza');
  if ('finding' in got) return got.finding;
  const reading = readStanza(got.value, ctx.wire, ctx.reasons);
  const must = reading.problems.find((p) => p.level === 'must' && p.attribute === undefined);
  if (must || !reading.fields) {
    const code = must?.fault === 'not-well-formed' || must?.fault === 'forbidden-character' ? 'not_well_formed' : 'wrong_structure';
    return {
      code,
      message: `encode wrote what is not one stanza: ${must?.message ?? 'no <reject> to read'}`,
      expected: 'one <call> holding exactly one <reject>',
      received: got.value,
    };
  }
  const view = readWire(got.value, ctx.wire);
  const inside = 'view' in view ? rejectContentFinding(view.view, ctx.wire) : undefined;
  if (inside) return { ...inside, message: `${inside.message} (reject.encode.reject-content)` };
  const differs = compareMessages(msg, reading.fields);
  return differs && { ...differs, message: `the stanza encode wrote means another message: ${differs.message}`, received: got.value };
}

/** The check that decode refuses the corpus's invalid stanzas of one level (`must`: a fault that must be refused). */
function refuses(
  level: 'must' | 'should',
  info: Pick<Check, 'id' | 'title' | 'corpus'> & Partial<Pick<Check, 'wires' | 'accepts'>>,
): Check {
  return defineCheck({
    ...base,
    ...info,
    level,
    needs: ['decode'],
    show: (e: { wire: unknown; problems: string[] }) => e,
    kinds: files(
      'invalid',
      (e) => ({ wire: e.value, problems: e.problems }),
      (e, ctx) => onWire(e, ctx) && e.level === level,
    ),
    verify: async (e, ctx) => refusal(await ctx.codec.call('decode', e.wire), 'decode', `a corpus stanza with ${e.problems.join('; ')}`),
  });
}

/** The checks that replay the corpus: run first, one kind per file, whatever the seed. */
export const CORPUS_CHECKS: Check[] = [
  defineCheck({
    ...base,
    id: 'reject.corpus.decode',
    level: 'must',
    needs: ['decode'],
    corpus: 'valid stanzas',
    title: 'decode reads every valid stanza of the corpus as its message',
    accepts: SUBSET_READING_ACCEPTED,
    show: (c: Meaning) => ({ wire: c.wire, means: normalMessage(c.message) }),
    kinds: files('stanzas', (e): Meaning => ({ wire: e.value, message: e.message }), onWire),
    verify: decodesTo,
  }),
  defineCheck({
    ...base,
    id: 'reject.corpus.encode',
    level: 'must',
    needs: ['encode'],
    corpus: 'valid messages',
    title: 'encode writes each valid message of the corpus as a stanza that means it',
    accepts: SUBSET_READING_ACCEPTED,
    show: normalMessage,
    kinds: files('messages', (e) => e.message),
    verify: encodesTo,
  }),
  defineCheck({
    ...base,
    id: 'reject.corpus.roundtrip',
    level: 'must',
    needs: ['encode', 'decode'],
    corpus: 'valid messages',
    title: 'decode(encode(m)) equals m for each valid message of the corpus',
    accepts: SUBSET_READING_ACCEPTED,
    show: normalMessage,
    kinds: files('messages', (e) => e.message),
    verify: roundtrips,
  }),
  refuses('must', { id: 'reject.corpus.refuses', corpus: 'invalid stanzas', title: 'decode throws on every invalid stanza of the corpus' }),
  refuses('should', {
    id: 'reject.corpus.refuses-should-level',
    wires: ['xml'],
    corpus: 'invalid stanzas whose only fault is a DOCTYPE or text inside <call>',
    title: 'decode throws on the corpus stanzas whose only fault is a DOCTYPE or text inside <call>',
    accepts: 'a decoder that ignores the DOCTYPE or the text: should, not must, as for reject.decode.refuses.doctype and .stray-text',
  }),
  defineCheck({
    ...base,
    id: 'reject.corpus.encode-refuses',
    level: 'must',
    needs: ['encode'],
    corpus: 'invalid messages',
    title: 'encode throws on every invalid message of the corpus',
    show: (e: { message: unknown; problems: string[] }) => e,
    kinds: files(
      'invalidMessages',
      (e) => ({ message: e.message, problems: e.problems }),
      (e, ctx) => !e.xmlOnly || ctx.wire === 'xml',
    ),
    verify: async (e, ctx) =>
      refusal(await ctx.codec.call('encode', e.message), 'encode', `a corpus message with ${e.problems.join('; ')}`),
  }),
  defineCheck({
    ...base,
    id: 'reject.corpus.reply',
    level: 'must',
    needs: ['reply'],
    corpus: 'reply cases',
    accepts: SUBSET_READING_ACCEPTED,
    title: 'reply answers every offer of the corpus as every reply check requires',
    show: (c) => c,
    kinds: files('replies', (e) => ({ offer: e.offer, options: e.options })),
    async verify(c, ctx) {
      const outcome = await ctx.codec.call('reply', c.offer, c.options);
      if (outcome.kind === 'threw' && mayRefuse({ reason: c.options.reason }, ctx.reasons)) return undefined;
      const got = returnedValue(outcome, 'reply', 'the wire form of the stanza');
      if ('finding' in got) return got.finding;
      const read = readWire(got.value, ctx.wire);
      if ('finding' in read) return read.finding;
      const attrs = stanzaAttrs(read.view);
      if (!attrs)
        return {
          code: 'wrong_structure',
          message: 'reply wrote what is not one <call> holding exactly one <reject>',
          expected: 'one <call> holding exactly one <reject>',
          received: got.value,
        };
      const inside = rejectContentFinding(read.view, ctx.wire);
      return inside ? { ...inside, message: `${inside.message} (reject.reply.reject-content)` } : judgeReply(attrs, c);
    },
  }),
];

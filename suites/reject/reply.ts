import fc from 'fast-check';
import { anyOfKinds, focusKinds, mapKinds, replyCaseKinds, type Kinds, type ReplyCase } from '../../arbitraries/index.js';
import { describeValue, formatJid, isXmlText, parseJid } from '../../spec/index.js';
import { defineCheck, type Check, type CheckContext, type Finding } from '../check.js';
import type { CorpusCase } from '../corpus.js';
import { encodeAndRead } from '../_internals/encode-output.js';
import { SUBSET_READING_ACCEPTED } from '../_internals/compare.js';
import { ref } from '../_internals/refs.js';
import { attributeFinding, readWire, rejectContentFinding, structureFinding } from '../_internals/wire-view.js';
import { REJECT_EMPTY_ACCEPTS, REJECT_EMPTY_REFERENCE } from './encode.js';

type Attrs = { call: Record<string, string>; reject: Record<string, string> };

const show = (c: ReplyCase) => ({ offer: c.offer, options: c.options });
const replyCase = (c: ReplyCase): CorpusCase => ({ layout: 'reply', offer: c.offer, options: c.options });
const echo = ref.contract('reply: the echo');

function replyCheck(
  id: string,
  title: string,
  judge: (a: Attrs, c: ReplyCase) => Finding | undefined,
  extra: { accepts?: string; kinds?: (ctx: CheckContext) => Kinds<ReplyCase>; focus?: string[] } = {},
): Check<ReplyCase> {
  return defineCheck({
    id: `reject.reply.${id}`,
    level: 'must',
    basis: 'contract',
    needs: ['reply'],
    wires: ['xml', 'node'],
    title,
    reference: echo,
    show,
    accepts: extra.accepts ?? SUBSET_READING_ACCEPTED,
    corpusCase: replyCase,
    kinds: (ctx) => focusKinds(extra.kinds?.(ctx) ?? replyCaseKinds(ctx.reasons), ...(extra.focus ?? [])),
    async verify(c, ctx) {
      const r = await encodeAndRead(ctx, 'reply', [c.offer, c.options], c.options.reason);
      if (!('attrs' in r)) return 'finding' in r ? r.finding : undefined;
      return judge(r.attrs, c);
    },
  });
}

/** `jid` as it is, without its device, without its agent, and bare. */
function withoutParts(jid: string): string[] {
  const p = parseJid(jid);
  if (!p) return [jid];
  const { agent: _a, device: _d, ...bare } = p;
  return [jid, formatJid({ ...p, device: undefined }), formatJid({ ...p, agent: undefined }), formatJid(bare)];
}

/** Every JID `<call to>` may hold in a reply to `offer`: the caller's (its from or call-creator) with or without its agent and its device, each dropped on its own too. */
export function callerReadings(offer: Pick<ReplyCase['offer'], 'from' | 'callCreator'>): string[] {
  return [...new Set([offer.from, offer.callCreator].flatMap(withoutParts))];
}

/** A check of the shape of what reply wrote, judged by `judge` on the oracle's reading (nothing to judge when reply did not return). */
function shapeCheck(
  info: Pick<Check, 'id' | 'basis' | 'title' | 'reference'> & Partial<Pick<Check, 'accepts'>>,
  judge: (read: ReturnType<typeof readWire>, wire: CheckContext['wire']) => Finding | undefined,
): Check<ReplyCase> {
  return defineCheck({
    ...info,
    level: 'must',
    needs: ['reply'],
    wires: ['xml', 'node'],
    show,
    corpusCase: replyCase,
    kinds: (ctx) => replyCaseKinds(ctx.reasons),
    async verify(c, ctx) {
      const outcome = await ctx.codec.call('reply', c.offer, c.options);
      return outcome.kind === 'returned' ? judge(readWire(outcome.value, ctx.wire), ctx.wire) : undefined;
    },
  });
}

const structure = shapeCheck(
  {
    id: 'reject.reply.structure',
    basis: 'page',
    title: 'reply writes one well-formed <call> holding exactly one <reject>',
    reference: ref.page('Children'),
  },
  (read) => ('finding' in read ? read.finding : structureFinding(read.view)),
);

const rejectContent = shapeCheck(
  {
    id: 'reject.reply.reject-content',
    basis: 'decision',
    title: 'reply writes <reject> with attributes only: no element, no text inside it',
    accepts: REJECT_EMPTY_ACCEPTS,
    reference: REJECT_EMPTY_REFERENCE,
  },
  (read, wire) => ('view' in read ? rejectContentFinding(read.view, wire) : undefined),
);

/** The reply kinds with an id in the options, or with none (the kinds about the options' id left out). */
const withId = (ctx: CheckContext) =>
  mapKinds(
    replyCaseKinds(ctx.reasons).filter((k) => k.name !== 'options:no-id'),
    (c): ReplyCase => (c.options.id === undefined ? { ...c, options: { ...c.options, id: c.offer.id } } : c),
  );
const withoutId = (ctx: CheckContext) =>
  mapKinds(
    replyCaseKinds(ctx.reasons).filter((k) => k.name !== 'options:id-given'),
    ({ offer, options: { id: _id, ...options } }): ReplyCase => ({ offer, options }),
  );

const idUnique = defineCheck({
  id: 'reject.reply.id-unique',
  level: 'should',
  basis: 'decision',
  needs: ['reply'],
  wires: ['xml', 'node'],
  title: 'reply makes a different stanza id each time the options give none',
  reference: ref.page('Attributes', '<call id>: correlates the server for this rejection'),
  show: ([a, b]: [ReplyCase, ReplyCase]) => [show(a), show(b)],
  kinds: (ctx) => withoutId(ctx).map((k) => ({ ...k, arbitrary: fc.tuple(k.arbitrary, anyOfKinds(withoutId(ctx))) })),
  async verify([a, b]: [ReplyCase, ReplyCase], ctx) {
    const first = await encodeAndRead(ctx, 'reply', [a.offer, a.options], a.options.reason);
    const second = await encodeAndRead(ctx, 'reply', [b.offer, b.options], b.options.reason);
    if (!('attrs' in first) || !('attrs' in second)) return undefined;
    const id = first.attrs.call.id;
    // a missing or empty id is reply.id-generated's to report
    if (!id || id !== second.attrs.call.id) return undefined;
    return {
      code: 'mismatch',
      message: `<call id>: two replies made without an id both got ${describeValue(id)}`,
      expected: 'two different ids',
      received: [id, second.attrs.call.id],
    };
  },
});

type Judge = (a: Attrs, c: ReplyCase) => Finding | undefined;

/** What a reply owes, rule by rule: each is a check of its own, and the corpus's reply cases are held to all of them. */
const RULES: { id: string; title: string; judge: Judge; extra?: Parameters<typeof replyCheck>[3] }[] = [
  {
    id: 'call-id',
    title: "reply copies the offer's call-id verbatim",
    judge: (a, c) => attributeFinding('<reject call-id>', c.offer.callId, a.reject['call-id']),
    extra: { focus: ['text:', 'realistic:'] },
  },
  {
    id: 'call-creator',
    title: "reply copies the offer's call-creator verbatim",
    judge: (a, c) => attributeFinding('<reject call-creator>', c.offer.callCreator, a.reject['call-creator']),
    extra: { focus: ['creator:', 'caller:', 'jid:'] },
  },
  {
    id: 'to',
    title: 'reply routes the reject to the caller',
    judge: (a, c) => {
      const readings = callerReadings(c.offer);
      if (readings.includes(a.call.to ?? '')) return undefined;
      return {
        code: 'mismatch',
        message: `<call to>: expected the caller (${readings.join(' or ')}), received ${describeValue(a.call.to)}`,
        expected: readings,
        received: a.call.to,
      };
    },
    extra: { accepts: "the offer's from or call-creator, with or without agent and device", focus: ['caller:', 'creator:', 'jid:'] },
  },
  {
    id: 'from',
    title: 'reply takes <call from> from the options',
    judge: (a, c) => attributeFinding('<call from>', c.options.from, a.call.from),
    extra: { focus: ['jid:'] },
  },
  {
    id: 'id',
    title: 'reply uses the id given in the options',
    judge: (a, c) => (c.options.id === undefined ? undefined : attributeFinding('<call id>', c.options.id, a.call.id)),
    extra: {
      kinds: withId,
      focus: ['options:', 'stanza-id:'],
    },
  },
  {
    id: 'id-generated',
    title: 'reply makes a fresh non-empty stanza id when the options give none',
    judge: (a, c) => {
      if (c.options.id !== undefined) return undefined;
      const id = a.call.id;
      if (id === c.offer.id) {
        return {
          code: 'mismatch',
          message: `<call id>: expected a fresh id, received the offer's own ${describeValue(id)}`,
          expected: 'a fresh non-empty id',
          received: id,
        };
      }
      if (typeof id === 'string' && id !== '' && isXmlText(id)) return undefined;
      return {
        code: 'mismatch',
        message: `<call id>: expected a generated non-empty id, received ${id === undefined ? 'no attribute' : describeValue(id)}`,
        expected: 'a non-empty id',
        received: id ?? '(no attribute)',
      };
    },
    extra: { kinds: withoutId },
  },
  {
    id: 'reason',
    title: 'reply writes the reason from the options, and none when none is given',
    judge: (a, c) => attributeFinding('<reject reason>', c.options.reason, a.reject.reason),
    extra: { focus: ['reason:'] },
  },
];

/** The first rule of {@link RULES} a reply's attributes break, with the rule's id in front. */
export function judgeReply(a: Attrs, c: ReplyCase): Finding | undefined {
  for (const r of RULES) {
    const f = r.judge(a, c);
    if (f) return { ...f, message: `${f.message} (reject.reply.${r.id})` };
  }
  return undefined;
}

/** The reply checks: the offer's identifiers echoed verbatim, routed to the caller, the options honoured. */
export const REPLY_CHECKS: Check[] = [
  structure,
  rejectContent,
  ...RULES.slice(0, 6).map((r) => replyCheck(r.id, r.title, r.judge, r.extra)),
  idUnique,
  ...RULES.slice(6).map((r) => replyCheck(r.id, r.title, r.judge, r.extra)),
];

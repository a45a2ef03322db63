import fc from 'fast-check';
import {
  kind,
  mapKinds,
  nodeRenderingKinds,
  plainNode,
  plainRendering,
  xmlRenderingKinds,
  type Kinds,
  type NodeFeature,
  type RenderingFeature,
} from '../../arbitraries/index.js';
import type { Wire } from '../../adapters/contract.js';
import { PAGE_EXAMPLE, type CallReject } from '../../spec/index.js';
import { defineCheck, type Check, type CheckContext, type Finding } from '../check.js';
import type { CorpusCase } from '../corpus.js';
import { compareMessages, mayRefuse, normalMessage, SUBSET_READING_ACCEPTED } from '../_internals/compare.js';
import { returnedValue } from '../_internals/outcome.js';
import { ref } from '../_internals/refs.js';

/** A wire value and the message it means. */
export interface Meaning {
  wire: unknown;
  message: CallReject;
}

const show = (c: Meaning) => ({ wire: c.wire, means: normalMessage(c.message) });
/** A rendering that failed, kept as a valid stanza with its message. */
export const validStanza = (c: Meaning, ctx: CheckContext): CorpusCase => ({
  layout: 'valid',
  wire: ctx.wire,
  stanza: c.wire,
  message: c.message,
});

/** Decodes `c.wire` and compares with its meaning; a refusal under the open reason reading is accepted. */
export async function decodesTo(c: Meaning, ctx: CheckContext): Promise<Finding | undefined> {
  const outcome = await ctx.codec.call('decode', c.wire);
  if (outcome.kind === 'threw' && mayRefuse(c.message, ctx.reasons)) return undefined;
  const got = returnedValue(outcome, 'decode', `the message ${JSON.stringify(normalMessage(c.message))}`);
  return 'finding' in got ? got.finding : compareMessages(c.message, got.value);
}

/** The plainest wire value of a message. */
export function plainWire(message: CallReject, wire: Wire): Meaning {
  return { message, wire: wire === 'xml' ? plainRendering(message).xml : plainNode(message) };
}

/** The kinds of wire value a check with these features tries, on the run's wire. */
function renderings(ctx: CheckContext, xml: readonly RenderingFeature[], node: readonly NodeFeature[]): Kinds<Meaning> {
  if (ctx.wire === 'xml') return mapKinds(xmlRenderingKinds(ctx.reasons, xml), (r) => ({ message: r.message, wire: r.xml }));
  return mapKinds(nodeRenderingKinds(ctx.reasons, node), (r) => ({ message: r.message, wire: r.node }));
}

function renderingCheck(
  id: string,
  title: string,
  reference: Check['reference'],
  basis: Check['basis'],
  xml: RenderingFeature[],
  node: NodeFeature[] | undefined,
): Check<Meaning> {
  return defineCheck({
    id: `reject.decode.${id}`,
    level: 'must',
    basis,
    needs: ['decode'],
    wires: node ? ['xml', 'node'] : ['xml'],
    title,
    reference,
    accepts: SUBSET_READING_ACCEPTED,
    show,
    corpusCase: validStanza,
    kinds: (ctx) => renderings(ctx, xml, node ?? []),
    verify: decodesTo,
  });
}

const example = defineCheck({
  id: 'reject.decode.page-example',
  level: 'must',
  basis: 'page',
  needs: ['decode'],
  wires: ['xml', 'node'],
  fixed: true,
  title: "decode reads the spec page's own example as its message",
  reference: ref.page('Examples'),
  show,
  corpusCase: validStanza,
  kinds: (ctx) => {
    const c = ctx.wire === 'xml' ? { message: PAGE_EXAMPLE.message, wire: PAGE_EXAMPLE.xml } : plainWire(PAGE_EXAMPLE.message, 'node');
    return [kind('page-example', fc.constant(c))];
  },
  verify: decodesTo,
});

const canonical = defineCheck({
  id: 'reject.decode.plain',
  level: 'must',
  basis: 'page',
  needs: ['decode'],
  wires: ['xml', 'node'],
  title: 'decode reads a plainly written stanza as exactly its message',
  reference: ref.page('Attributes'),
  accepts: SUBSET_READING_ACCEPTED,
  show,
  corpusCase: validStanza,
  kinds: (ctx) => renderings(ctx, [], []),
  verify: decodesTo,
});

/** The decode checks: every valid rendering decodes to exactly its message. */
export const DECODE_CHECKS: Check[] = [
  example,
  canonical,
  renderingCheck(
    'layout',
    'decode reads any attribute order, quote style, white space, declaration and self-closing form',
    ref.contract('Wire forms'),
    'contract',
    ['layout'],
    ['layout'],
  ),
  renderingCheck(
    'character-references',
    'decode resolves character and entity references (&#10; &#x1F600; &amp; &apos;) in values',
    ref.contract('Wire forms', 'character references'),
    'xml',
    ['refs', 'layout'],
    undefined,
  ),
  renderingCheck(
    'attribute-normalization',
    'decode applies XML attribute-value normalization: a raw tab, newline or CR LF reads as one space',
    ref.contract('Wire forms', 'attribute-value normalization'),
    'xml',
    ['raw-spaces'],
    undefined,
  ),
  renderingCheck(
    'unknown-attributes',
    'decode tolerates unknown attributes such as count="0", in any order',
    ref.contract('What a codec owes on bad input', 'tolerate'),
    'contract',
    ['extras', 'layout'],
    ['extras', 'layout'],
  ),
  renderingCheck(
    'reject-content',
    'decode ignores content inside <reject>',
    ref.notes('The stanza', 'content inside <reject> is ignored'),
    'decision',
    ['content'],
    ['content'],
  ),
  renderingCheck(
    'comments',
    'decode ignores comments and processing instructions',
    ref.contract('Wire forms', 'any well-formed XML with the same meaning'),
    'xml',
    ['comments'],
    undefined,
  ),
];

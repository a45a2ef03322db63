import {
  nodeMutationKinds,
  xmlMutationKinds,
  type Fault,
  type FaultGroup,
  type Kinds,
  type NodeFaultGroup,
  type XmlFaultGroup,
} from '../../arbitraries/index.js';
import type { Wire } from '../../adapters/contract.js';
import type { Basis, Reference } from '../../spec/index.js';
import { defineCheck, type Check, type CheckContext, type Level } from '../check.js';
import { judgeError } from '../_internals/error-quality.js';
import { refusal } from '../_internals/outcome.js';
import { ref } from '../_internals/refs.js';

interface Group {
  group: FaultGroup;
  title: string;
  wires: Wire[];
  level: Level;
  basis: Basis;
  reference: Reference;
  accepts?: string;
}

const owed = ref.contract('What a codec owes on bad input');
const both: Wire[] = ['xml', 'node'];

/** Each fault class decode must refuse, with where the rule comes from. */
const GROUPS: Group[] = [
  {
    group: 'missing-attribute',
    title: 'a required attribute missing',
    wires: both,
    level: 'must',
    basis: 'page',
    reference: ref.page('Attributes', 'required'),
  },
  {
    group: 'empty-attribute',
    title: 'a required attribute that is empty',
    wires: both,
    level: 'must',
    basis: 'decision',
    reference: ref.notes('The stanza', 'non-empty'),
  },
  {
    group: 'reason-outside-enum',
    title: 'a reason outside enum:terminate-reasons (case variants and "" too)',
    wires: both,
    level: 'must',
    basis: 'page',
    reference: ref.page('Attributes', '<reject reason>'),
  },
  {
    group: 'malformed-jid',
    title: 'a malformed JID in from, to or call-creator',
    wires: both,
    level: 'must',
    basis: 'decision',
    reference: ref.notes('JID'),
  },
  {
    group: 'wrong-child',
    title: 'the wrong child (<terminate>, <accept>, …) instead of <reject>',
    wires: both,
    level: 'must',
    basis: 'page',
    reference: ref.page('Children'),
  },
  {
    group: 'no-child',
    title: 'a <call> with no <reject> child',
    wires: both,
    level: 'must',
    basis: 'page',
    reference: ref.page('Children', 'occurrence 1'),
  },
  {
    group: 'two-rejects',
    title: 'two <reject> children',
    wires: both,
    level: 'must',
    basis: 'page',
    reference: ref.page('Children', 'occurrence 1'),
  },
  {
    group: 'extra-child',
    title: 'another element beside <reject>',
    wires: both,
    level: 'must',
    basis: 'decision',
    reference: ref.notes('The stanza', 'only child element'),
  },
  {
    group: 'wrong-root',
    title: 'a root element other than <call>',
    wires: both,
    level: 'must',
    basis: 'page',
    reference: ref.page('Tag', '<call>'),
  },
  {
    group: 'not-well-formed',
    title:
      'text that is not well-formed XML: each single edit of each XML 1.0 production a stanza uses, and bare &, raw <, crossed tags, two roots',
    wires: ['xml'],
    level: 'must',
    basis: 'xml',
    reference: owed,
  },
  {
    group: 'forbidden-character',
    title: 'characters XML 1.0 cannot carry (&#0;, controls, U+FFFE, surrogates)',
    wires: ['xml'],
    level: 'must',
    basis: 'xml',
    reference: owed,
  },
  {
    group: 'not-a-node',
    title: 'a value that is not a node (null, a string, attrs missing, a non-string attribute)',
    wires: ['node'],
    level: 'must',
    basis: 'contract',
    reference: ref.contract('Wire forms'),
  },
  {
    group: 'stray-text',
    title: 'non-white-space text directly inside <call>',
    wires: ['xml'],
    level: 'should',
    basis: 'decision',
    reference: ref.notes('The stanza'),
    accepts: 'a decoder that ignores the text: should, not must, because the page says nothing of text',
  },
  {
    group: 'doctype',
    title: 'a DOCTYPE, with or without entity declarations',
    wires: ['xml'],
    level: 'should',
    basis: 'decision',
    reference: owed,
    accepts: 'a decoder that expands internal entities correctly: should, not must, since such XML is well-formed',
  },
];

/** The kinds of mutation of one fault class on the run's wire. */
function mutations(ctx: CheckContext, group: FaultGroup): Kinds<Fault<unknown>> {
  return ctx.wire === 'xml'
    ? xmlMutationKinds(ctx.reasons)[group as XmlFaultGroup]
    : nodeMutationKinds(ctx.reasons)[group as NodeFaultGroup];
}

const show = (f: Fault<unknown>) => ({ fault: f.fault, wire: f.input });

const refuses: Check<Fault<unknown>>[] = GROUPS.map((g) =>
  defineCheck({
    id: `reject.decode.refuses.${g.group}`,
    level: g.level,
    basis: g.basis,
    needs: ['decode'],
    wires: g.wires,
    title: `decode throws on ${g.title}`,
    reference: g.reference,
    ...(g.accepts ? { accepts: g.accepts } : {}),
    show,
    corpusCase: (f, ctx) => ({ layout: 'invalid', wire: ctx.wire, stanza: f.input }),
    kinds: (ctx) => mutations(ctx, g.group),
    async verify(f, ctx) {
      return refusal(await ctx.codec.call('decode', f.input), 'decode', `a stanza with ${f.fault}`);
    },
  }),
);

const MUST_GROUPS = GROUPS.filter((g) => g.level === 'must');
/** Every kind of every must-level fault class that applies on the run's wire. */
export const anyMutation = (ctx: CheckContext) =>
  MUST_GROUPS.filter((g) => g.wires.includes(ctx.wire)).flatMap((g) => mutations(ctx, g.group));

const errorType = defineCheck({
  id: 'reject.decode.error-type',
  level: 'should',
  basis: 'contract',
  needs: ['decode'],
  wires: both,
  title: 'decode refuses by throwing an Error, not a string or a plain object',
  reference: owed,
  show,
  kinds: anyMutation,
  verify: (f, ctx) => judgeError('decode', f, ctx, 'type'),
});

const errorNames = defineCheck({
  id: 'reject.decode.error-names-culprit',
  level: 'should',
  basis: 'contract',
  needs: ['decode'],
  wires: both,
  title: "decode's error message names the offending attribute or element",
  reference: owed,
  show,
  accepts:
    'the wire name (call-id) or the field name (callId), in any case; also "reason" when the stanza carries a reason beyond declined and busy (the subset reading); not asked of XML syntax errors',
  kinds: anyMutation,
  verify: (f, ctx) => judgeError('decode', f, ctx, 'names'),
});

/** The checks that decode refuses every non-conforming stanza, and refuses it clearly. */
export const DECODE_REFUSAL_CHECKS: Check[] = [...refuses, errorType, errorNames];

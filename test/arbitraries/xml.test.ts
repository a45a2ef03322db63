import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PROPERTY_NAMES,
  plainRendering,
  callRejectArb,
  XML_FAULT_GROUPS,
  XML_SPELLINGS,
  xmlMutationArb,
  xmlMutationKinds,
  xmlRenderingArb,
  type RenderingFeature,
} from '../../arbitraries/index.js';
import { NAMED_REFS, RAW_SPACES } from '../../arbitraries/_internals/escape.js';
import { referenceXmlAdapter } from '../../adapters/reference/xml.js';
import { ATTRIBUTES, parseXml, reasonList, stanzaAttributes } from '../../spec/index.js';
import { judgeXml, normal } from '../fixtures/independent/judge.js';
import { scan } from '../fixtures/independent/_scanner.js';

const reasons = reasonList();
const ALL: RenderingFeature[] = ['layout', 'refs', 'extras', 'content', 'comments', 'raw-spaces'];

describe('XML renderings', () => {
  it('mean exactly their message to the oracle, with every feature on', () => {
    fc.assert(
      fc.property(xmlRenderingArb(reasons, ALL), ({ message, xml }) => {
        const j = judgeXml(xml);
        if (!j.ok) throw new Error(`${j.why}\n${xml}`);
        expect(j.message).toEqual(normal({ ...message, callId: message.callId, id: message.id }));
      }),
      { numRuns: 1000 },
    );
  });

  it('mean their message with each feature alone, and plainly', () => {
    for (const f of ALL) {
      fc.assert(
        fc.property(xmlRenderingArb(reasons, [f]), ({ message, xml }) => {
          const j = judgeXml(xml);
          return j.ok && JSON.stringify(j.message) === JSON.stringify(normal(message));
        }),
        { numRuns: 200 },
      );
    }
    fc.assert(
      fc.property(callRejectArb(reasons), (m) => {
        const j = judgeXml(plainRendering(m).xml);
        return j.ok && JSON.stringify(j.message) === JSON.stringify(normal(m));
      }),
    );
  });
});

/** One attribute as written: what precedes its name, the name, the `=` with its white space, the quote, the value as spelled. */
interface WrittenAttr {
  sep: string;
  name: string;
  eq: string;
  quote: string;
  value: string;
}

/** A rendering taken apart into the places the generator varies. */
interface Layout {
  decl: string;
  comments: { stanza: boolean; before: boolean; end: boolean; pi: boolean };
  call: WrittenAttr[];
  reject: WrittenAttr[];
  closeSpaces: [string, string];
  inner: [string, string];
  selfClose: boolean;
  content: string | undefined;
  trailing: string;
}

const QUOTED = String.raw`(?:"[^"]*"|'[^']*')`;
const ATTRS = String.raw`((?:\s+[^\s=/>]+\s*=\s*${QUOTED})*)`;
const COMMENT = String.raw`(<!--[^]*?-->)?`;
const LAYOUT = new RegExp(
  String.raw`^(<\?xml[^?]*\?>\s*)?${COMMENT}<call${ATTRS}(\s*)>(\s*)${COMMENT}<reject${ATTRS}(\s*)(?:(\/>)|>([^]*?)<\/reject>)(<\?[^]*?\?>)?(\s*)<\/call>(\s*)${COMMENT}$`,
);

function writtenAttrs(text: string): WrittenAttr[] {
  return [...text.matchAll(/(\s+)([^\s=/>]+)(\s*=\s*)(?:"([^"]*)"|'([^']*)')/g)].map((m) => ({
    sep: m[1]!,
    name: m[2]!,
    eq: m[3]!,
    quote: m[4] === undefined ? "'" : '"',
    value: m[4] ?? m[5]!,
  }));
}

function layoutOf(xml: string): Layout | undefined {
  const m = LAYOUT.exec(xml);
  if (!m) return undefined;
  const [, decl, stanza, call, callClose, inner0, before, reject, rejectClose, selfClose, content, pi, inner1, trailing, end] = m;
  return {
    decl: decl ?? '',
    comments: { stanza: !!stanza, before: !!before, end: !!end, pi: !!pi },
    call: writtenAttrs(call!),
    reject: writtenAttrs(reject!),
    closeSpaces: [callClose!, rejectClose!],
    inner: [inner0!, inner1!],
    selfClose: !!selfClose,
    content,
    trailing: trailing!,
  };
}

describe('XML renderings: every spelling the generator can write is written', () => {
  // content inside <reject> forces open and close tags, so draw with and without it
  const WITHOUT_CONTENT = ALL.filter((f) => f !== 'content');
  const samples = [ALL, WITHOUT_CONTENT].flatMap((f) => fc.sample(xmlRenderingArb(reasons, f), { numRuns: 1000, seed: 41 }));
  const layouts = samples.map((r) => ({ ...r, layout: layoutOf(r.xml)! }));
  const attrs = layouts.flatMap((l) => [...l.layout.call, ...l.layout.reject]);
  const some = (what: string, test: (l: (typeof layouts)[number]) => boolean) =>
    it(what, () => expect(layouts.some(test), what).toBe(true));
  const someAttr = (what: string, test: (a: WrittenAttr) => boolean) => it(what, () => expect(attrs.some(test), what).toBe(true));
  const show = (v: string) => JSON.stringify(v);

  it('each rendering reads as the layout these tests take apart', () => {
    for (const { xml, layout } of layouts) expect(layout, xml).toBeDefined();
  });

  for (const d of ['', ...XML_SPELLINGS.declarations]) some(`declaration ${d ? show(d) : '(none)'}`, (l) => l.layout.decl === d);
  for (const sep of XML_SPELLINGS.separators) someAttr(`separator ${show(sep)} before an attribute`, (a) => a.sep === sep);
  for (const eq of XML_SPELLINGS.equals) someAttr(`equals sign written ${show(eq)}`, (a) => a.eq === eq);
  for (const q of ['"', "'"]) someAttr(`values in ${q === '"' ? 'double' : 'single'} quotes`, (a) => a.quote === q);
  (['call', 'reject'] as const).forEach((el, i) => {
    for (const c of XML_SPELLINGS.closeSpaces)
      some(`${show(c)} before the end of the <${el}> start tag`, (l) => l.layout.closeSpaces[i] === c);
    const page = (l: (typeof layouts)[number]) => stanzaAttributes(l.message)[el].map(([n]) => n);
    const known = new Set(ATTRIBUTES.filter((a) => a.element === el).map((a) => a.name));
    const written = (l: (typeof layouts)[number]) => l.layout[el].map((a) => a.name).filter((n) => known.has(n));
    some(`<${el}>'s attributes in the page's order`, (l) => page(l).length > 1 && written(l).join() === page(l).join());
    some(`<${el}>'s attributes in another order`, (l) => written(l).join() !== page(l).join());
  });
  (['before', 'after'] as const).forEach((where, i) => {
    for (const w of XML_SPELLINGS.inner) some(`${show(w)} ${where} <reject>`, (l) => l.layout.inner[i] === w);
  });
  for (const t of XML_SPELLINGS.trailing) some(`${show(t)} after </call>`, (l) => l.layout.trailing === t);
  some('a self-closing <reject/>', (l) => l.layout.selfClose);
  some('an empty <reject></reject>', (l) => l.layout.content === '');
  for (const c of XML_SPELLINGS.content) some(`<reject> holding ${show(c)}`, (l) => l.layout.content === c);
  some('a comment before <call>', (l) => l.layout.comments.stanza);
  some('a comment before <reject>', (l) => l.layout.comments.before);
  some('a processing instruction after <reject>', (l) => l.layout.comments.pi);
  some('a comment after </call>', (l) => l.layout.comments.end);

  // each way of spelling values, by what only it writes
  const refs = (v: string) => v.match(/&#x?[0-9a-fA-F]+;|&[a-z]+;/g) ?? [];
  const STYLE_SHOWS: Record<(typeof XML_SPELLINGS.refStyles)[number], (a: WrittenAttr) => boolean> = {
    decimal: (a) => /^(?:&#\d+;)+$/.test(a.value),
    hex: (a) => /^(?:&#x[0-9a-fA-F]+;)+$/.test(a.value),
    mixed: (a) =>
      refs(a.value).some((r) => r.startsWith('&#x')) &&
      refs(a.value).some((r) => /^&#\d/.test(r)) &&
      a.value.replace(/&#x?[0-9a-fA-F]+;|&[a-z]+;/g, '') !== '',
    // > and the quote that does not delimit the value need no reference: only the named style writes one for them
    named: (a) => a.value.includes(NAMED_REFS['>']!) || a.value.includes(NAMED_REFS[a.quote === '"' ? "'" : '"']!),
  };
  for (const style of XML_SPELLINGS.refStyles) someAttr(`values spelled in the ${style} reference style`, STYLE_SHOWS[style]);
  someAttr('hexadecimal references in upper case', (a) => /&#x[0-9A-F]*[A-F][0-9A-F]*;/.test(a.value));
  someAttr('hexadecimal references in lower case', (a) => /&#x[0-9a-f]*[a-f][0-9a-f]*;/.test(a.value));
  for (const [ch, ref] of Object.entries(NAMED_REFS)) someAttr(`${ch} written as ${ref}`, (a) => a.value.includes(ref));
  for (const raw of RAW_SPACES) {
    // a raw \r\n is one line end: a lone \r or \n is one only when not part of it
    const alone = new RegExp(
      `${raw.startsWith('\n') ? '(?<!\\r)' : ''}${raw.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}${raw.endsWith('\r') ? '(?!\\n)' : ''}`,
    );
    someAttr(`a space in a value written as a raw ${show(raw)}`, (a) => alone.test(a.value));
  }

  const PAGE_NAMES = new Set(ATTRIBUTES.map((a) => a.name));
  const extras = attrs.filter((a) => !PAGE_NAMES.has(a.name));
  for (const name of [...XML_SPELLINGS.extraNames, ...BUILTIN_PROPERTY_NAMES.filter((n) => n !== '__proto__')]) {
    it(`the unknown attribute ${name}`, () => expect(extras.some((a) => a.name === name)).toBe(true));
  }
  it('an unknown attribute of a random name', () => {
    const listed = new Set<string>([...XML_SPELLINGS.extraNames, ...BUILTIN_PROPERTY_NAMES]);
    expect(extras.some((a) => !listed.has(a.name))).toBe(true);
  });
  some('count="0" on <reject>', (l) => l.layout.reject.some((a) => a.name === 'count' && a.value === '0'));
  some('an unknown attribute on <call>', (l) => l.layout.call.some((a) => !PAGE_NAMES.has(a.name)));
});

describe('XML mutations', () => {
  for (const g of XML_FAULT_GROUPS) {
    it(`${g}: the oracle finds each not conforming, and the reference decoder refuses it`, () => {
      const decode = referenceXmlAdapter(reasons).reject.decode!;
      const samples = fc.sample(xmlMutationArb(reasons, g), { numRuns: 300, seed: 17 });
      for (const f of samples) {
        expect(judgeXml(f.input).ok, `${f.fault}\n${f.input}`).toBe(false);
        expect(() => decode(f.input), `${f.fault}\n${f.input}`).toThrow();
        expect(f.fault.startsWith(`${g}:`)).toBe(true);
      }
    });
  }

  it('not-well-formed and forbidden-character are refused by the suite XML parser and by the independent scanner', () => {
    for (const g of ['not-well-formed', 'forbidden-character'] as const) {
      for (const f of fc.sample(xmlMutationArb(reasons, g), { numRuns: 200, seed: 19 })) {
        expect(() => parseXml(f.input), `${f.fault}\n${f.input}`).toThrow();
        expect(() => scan(f.input), `${f.fault}\n${f.input}`).toThrow();
      }
    }
  });

  it('cover each kind the issue names', () => {
    // every kind is tried in every run: each kind's own cases must carry its name as their fault
    const kinds = XML_FAULT_GROUPS.flatMap((g) => xmlMutationKinds(reasons)[g]);
    for (const k of kinds) for (const f of fc.sample(k.arbitrary, { numRuns: 5, seed: 23 })) expect(f.fault).toBe(k.name);
    const faults = new Set(kinds.map((k) => k.name));
    const has = (prefix: string) => [...faults].some((f) => f.startsWith(prefix));
    for (const a of ['from', 'to', 'id', 'call-id', 'call-creator']) {
      expect(has(`missing-attribute:${a}`), a).toBe(true);
      expect(has(`empty-attribute:${a}`), a).toBe(true);
    }
    for (const a of ['from', 'to', 'call-creator']) expect(has(`malformed-jid:${a}:`), a).toBe(true);
    expect(has('reason-outside-enum:empty')).toBe(true);
    expect(has('reason-outside-enum:upper-case')).toBe(true);
    expect(has('wrong-child:terminate')).toBe(true);
    expect(has('wrong-child:accept')).toBe(true);
    for (const p of ['no-child', 'two-rejects', 'extra-child', 'stray-text', 'doctype', 'forbidden-character', 'wrong-root'])
      expect(has(p), p).toBe(true);
    expect([...faults].filter((f) => f.startsWith('not-well-formed:')).length).toBeGreaterThanOrEqual(5);
  });
});

/**
 * The suite's shared judging code (suites/_internals), in this process, with
 * outcomes made by hand: what a throw, a hang and a crash come to, which
 * throws are left unjudged, and what counts as naming the culprit. Each
 * assertion stands for a one-line weakening the fault table did not catch.
 */
import { describe, expect, it } from 'vitest';
import type { Adapter, Operation } from '../../adapters/contract.js';
import { referenceXmlAdapter } from '../../adapters/reference/xml.js';
import { run } from '../../runner/index.js';
import { reasonList, type CallReject } from '../../spec/index.js';
import type { CheckContext, Outcome } from '../../suites/index.js';
import { encodeAndRead } from '../../suites/_internals/encode-output.js';
import { judgeError, namesCulprit } from '../../suites/_internals/error-quality.js';
import { incidentFinding, returnedValue } from '../../suites/_internals/outcome.js';
import { roundtrips } from '../../suites/reject/roundtrip.js';
import { readWire, rejectContentFinding, structureFinding } from '../../suites/_internals/wire-view.js';

const reasons = reasonList();
const ref = referenceXmlAdapter(reasons).reject;
const MESSAGE: CallReject = {
  from: 'B.0:7@s.whatsapp.net',
  to: 'A@s.whatsapp.net',
  id: '5E6F708192',
  callId: 'CALLID-0001-synthetic',
  callCreator: 'A@s.whatsapp.net',
};

/** A context whose codec answers every call with `outcome`. */
const answering = (outcome: Outcome): CheckContext => ({
  wire: 'xml',
  reasons,
  codec: { call: async () => outcome, callWatching: async () => ({ outcome, argsAfter: [] }) },
});

const THREW: Outcome = { kind: 'threw', error: new Error('no') };
const TIMEOUT: Outcome = { kind: 'timeout', ms: 2000 };
const CRASHED: Outcome = { kind: 'crashed', reason: 'ended its thread (exit code 3)' };
const UNREADABLE: Outcome = { kind: 'unreadable', reason: 'a getter threw' };

describe('outcome: incidentFinding', () => {
  it('is a finding for a hang, a crash and a value that cannot be read, each with its code', () => {
    expect(incidentFinding('reply', TIMEOUT)).toMatchObject({ code: 'timeout', message: 'reply did not return within 2000 ms' });
    expect(incidentFinding('reply', CRASHED)).toMatchObject({
      code: 'crashed',
      message: 'reply: the codec ended its thread (exit code 3)',
    });
    expect(incidentFinding('encode', UNREADABLE)).toMatchObject({ code: 'unreadable_value' });
  });

  it('is nothing for a call that returned or threw: what a check makes of those is its own', () => {
    expect(incidentFinding('encode', { kind: 'returned', value: '<call/>' })).toBeUndefined();
    expect(incidentFinding('encode', THREW)).toBeUndefined();
  });
});

describe('outcome: returnedValue', () => {
  it('gives the value of a call that returned, and a finding for every other outcome', () => {
    expect(returnedValue({ kind: 'returned', value: 'x' }, 'encode', 'a stanza')).toEqual({ value: 'x' });
    const codes = [THREW, TIMEOUT, CRASHED, UNREADABLE].map((o) => {
      const got = returnedValue(o, 'encode', 'a stanza');
      return 'finding' in got ? got.finding.code : 'value';
    });
    expect(codes).toEqual(['threw', 'timeout', 'crashed', 'unreadable_value']);
  });
});

describe('encode-output: encodeAndRead', () => {
  for (const op of ['encode', 'reply'] as const) {
    it(`${op}: a throw on a valid input is a finding, unless its reason is one the subset reading refuses`, async () => {
      for (const reason of [undefined, 'declined', 'busy']) {
        const r = await encodeAndRead(answering(THREW), op, [], reason);
        expect(r, `reason ${reason}`).toMatchObject({ finding: { code: 'threw', message: `${op} threw on a valid input: Error: no` } });
      }
      expect(await encodeAndRead(answering(THREW), op, [], 'timeout')).toEqual({ skip: true });
    });

    it(`${op}: a stanza returned is read whatever the reason, a reason beyond declined and busy too`, async () => {
      const xml = ref.encode!({ ...MESSAGE, reason: 'timeout' }) as string;
      const r = await encodeAndRead(answering({ kind: 'returned', value: xml }), op, [], 'timeout');
      expect(r).toMatchObject({ attrs: { call: { id: MESSAGE.id }, reject: { 'call-id': MESSAGE.callId, reason: 'timeout' } } });
    });

    it(`${op}: a hang or a crash is a finding, never a skip`, async () => {
      for (const [o, code] of [
        [TIMEOUT, 'timeout'],
        [CRASHED, 'crashed'],
      ] as const) {
        expect(await encodeAndRead(answering(o), op, [], 'timeout')).toMatchObject({ finding: { code } });
      }
    });
  }
});

describe('error-quality: namesCulprit', () => {
  it('counts a name only as a whole word, in any case', () => {
    expect(namesCulprit('invalid input', ['id'])).toBe(false);
    expect(namesCulprit('bad stanzaFrom', ['from'])).toBe(false);
    expect(namesCulprit('E_MISSING_TO', ['to'])).toBe(false);
    expect(namesCulprit('<call id> is missing', ['id'])).toBe(true);
    expect(namesCulprit('CallId: empty', ['call-id', 'callId'])).toBe(true);
    expect(namesCulprit('"from" is not a JID', ['from'])).toBe(true);
  });
});

describe('error-quality: judgeError', () => {
  const threw = (message: string) => answering({ kind: 'threw', error: new Error(message) });
  const fault = (reason: string | undefined) => ({
    group: 'missing-attribute' as const,
    fault: 'missing-attribute:from',
    culprit: ['from'],
    input: {},
    base: { ...MESSAGE, ...(reason ? { reason } : {}) },
  });

  it('takes "reason" for the culprit only when the input carries a reason the subset reading refuses', async () => {
    for (const reason of [undefined, 'declined', 'busy']) {
      const f = await judgeError('encode', fault(reason), threw('invalid reason'), 'names');
      expect(f, `reason ${reason}`).toMatchObject({ code: 'vague_error', expected: 'a message naming from' });
    }
    expect(await judgeError('encode', fault('timeout'), threw('invalid reason'), 'names')).toBeUndefined();
  });

  it('accepts a message naming the culprit, and finds a vague one vague', async () => {
    expect(await judgeError('decode', fault(undefined), threw('from is missing'), 'names')).toBeUndefined();
    expect(await judgeError('decode', fault(undefined), threw('invalid input'), 'names')).toMatchObject({ code: 'vague_error' });
  });
});

describe('wire-view: rejectContentFinding (a sender writes <reject> with attributes only)', () => {
  const xml = (inner: string) =>
    `<call from="B@s.whatsapp.net" to="A@lid" id="1"><reject call-id="c" call-creator="B@lid">${inner}</reject></call>`;
  const node = (content: unknown) => ({
    tag: 'call',
    attrs: { id: '1' },
    content: [{ tag: 'reject', attrs: { 'call-id': 'c' }, content }],
  });
  const judge = (value: unknown, wire: 'xml' | 'node') => {
    const read = readWire(value, wire);
    if (!('view' in read)) throw new Error(`not readable: ${JSON.stringify(read)}`);
    return rejectContentFinding(read.view, wire)?.message;
  };

  it('finds an element, text and bytes inside <reject>, naming each', () => {
    expect(judge(xml('<tctoken>0A</tctoken>'), 'xml')).toBe('<reject> holds <tctoken>, expected nothing inside it');
    expect(judge(xml('busy'), 'xml')).toBe('<reject> holds text "busy", expected nothing inside it');
    expect(judge(node([{ tag: 'tctoken', attrs: {} }]), 'node')).toBe('<reject> holds <tctoken>, expected nothing inside it');
    expect(judge(node(' '), 'node')).toBe('<reject> holds text " ", expected nothing inside it');
    expect(judge(node(new Uint8Array([1, 2])), 'node')).toBe('<reject> holds 2 bytes, expected nothing inside it');
  });

  it('accepts nothing inside, XML white space and comments alone, and empty node content of each type', () => {
    for (const inner of ['', '\n  ', '<!-- a comment -->', '<?pi x?>']) expect(judge(xml(inner), 'xml'), inner).toBeUndefined();
    for (const content of [undefined, '', [], new Uint8Array()]) expect(judge(node(content), 'node'), String(content)).toBeUndefined();
  });

  it('leaves a wrong structure to the structure checks', () => {
    expect(judge('<call><reject><x/></reject><reject/></call>', 'xml')).toBeUndefined();
  });
});

describe('wire-view: structureFinding (one <call> holding exactly one <reject> and no other element)', () => {
  const view = (root: string, ...tags: string[]) => ({
    root,
    attrs: {},
    children: tags.map((tag) => ({ tag, attrs: {}, elements: [], text: '' })),
  });
  const expected = '<call> holding exactly one <reject> and no other element';

  it('accepts <call> holding one <reject>', () => {
    expect(structureFinding(view('call', 'reject'))).toBeUndefined();
  });

  it.each([
    [view('Call', 'reject'), '<Call> holding <reject>', 'root is <Call>, expected <call>'],
    [view('iq', 'reject'), '<iq> holding <reject>', 'root is <iq>, expected <call>'],
    [view('call'), '<call> holding no element', '<call> holds no element, expected exactly one <reject>'],
    [view('call', 'terminate'), '<call> holding <terminate>', '<call> holds <terminate>, expected exactly one <reject>'],
    [
      view('call', 'reject', 'reject'),
      '<call> holding <reject>, <reject>',
      '<call> holds <reject>, <reject>, expected exactly one <reject>',
    ],
    [
      view('call', 'reject', 'tctoken'),
      '<call> holding <reject>, <tctoken>',
      '<call> holds <reject>, <tctoken>, expected exactly one <reject>',
    ],
    [view('call', 'Reject'), '<call> holding <Reject>', '<call> holds <Reject>, expected exactly one <reject>'],
  ])('finds %j wrong, saying what it holds and what was expected', (v, received, message) => {
    expect(structureFinding(v)).toEqual({ code: 'wrong_structure', message, expected, received });
  });
});

describe('roundtrip: roundtrips (decode(encode(m)) equals m)', () => {
  /** A context whose encode and decode each answer with their own outcome. */
  const each = (encode: Outcome, decode: Outcome): CheckContext => {
    const call = async (op: string) => (op === 'encode' ? encode : decode);
    return { wire: 'xml', reasons, codec: { call, callWatching: async (op: string) => ({ outcome: await call(op), argsAfter: [] }) } };
  };
  const STANZA = ref.encode!(MESSAGE) as string;

  it('passes when decode gives back the message', async () => {
    expect(await roundtrips(MESSAGE, each({ kind: 'returned', value: STANZA }, { kind: 'returned', value: MESSAGE }))).toBeUndefined();
  });

  it("fails as encode's own outcome when encode does not return, even where decode would answer the message", async () => {
    const found = await roundtrips(MESSAGE, each(TIMEOUT, { kind: 'returned', value: MESSAGE }));
    expect(found).toMatchObject({ code: 'timeout', message: expect.stringMatching(/^encode /) });
  });

  it("fails as decode's outcome on encode's own output when decode does not return, the stanza as what it received", async () => {
    for (const [outcome, code] of [
      [TIMEOUT, 'timeout'],
      [CRASHED, 'crashed'],
      [THREW, 'threw'],
    ] as const) {
      const found = await roundtrips(MESSAGE, each({ kind: 'returned', value: STANZA }, outcome));
      expect(found, code).toMatchObject({ code, message: expect.stringMatching(/\(on encode's own output\)$/), received: STANZA });
    }
  });
});

/** The reference codec whose `op` answers every call with what `misbehave` does instead. */
function misbehaving(name: string, op: Operation, misbehave: () => unknown): { adapter: Adapter; specifier: string } {
  return { specifier: name, adapter: { name, wire: 'xml', reject: { ...ref, [op]: misbehave } } };
}

describe('a codec that hangs or crashes, in this process, fails the checks that judge only what it returned', () => {
  // These checks pass a call that did not return: the runner's incident finding alone fails them.
  const CHECKS: Record<'encode' | 'reply', string[]> = {
    encode: ['reject.encode.well-formed', 'reject.encode.structure', 'reject.encode.reject-content', 'reject.encode.clean'],
    reply: ['reject.reply.structure', 'reject.reply.reject-content'],
  };
  const HOW = {
    // a Promise that never settles: the in-process caller's timeout stops it
    hangs: [() => new Promise(() => {}), 'timeout', /did not return within 30 ms/],
    // a process.exit: stopped in this process, and the call is a crash
    exits: [() => process.exit(3), 'crashed', /called process\.exit\(3\)/],
  } as const;

  for (const op of ['encode', 'reply'] as const) {
    for (const [how, [misbehave, code, words]] of Object.entries(HOW)) {
      it(`${op} that ${how}: ${CHECKS[op].join(', ')} fail as ${code}`, async () => {
        const result = await run({
          adapter: misbehaving(`${op}-${how}`, op, misbehave),
          isolation: false,
          runs: 2,
          timeoutMs: 30,
          checks: CHECKS[op],
          shippedCorpus: false,
        });
        const failures = result.checks.map((c) => [c.id, c.status, c.failure?.code]);
        expect(failures).toEqual(CHECKS[op].map((id) => [id, 'failed', code]));
        for (const c of result.checks) expect(c.failure?.message, c.id).toMatch(words);
      });
    }
  }
});

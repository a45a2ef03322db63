/**
 * The built-in baileys adapter on the real codec (baileys 6.17.16, a dev
 * dependency): the suite finds the causes the README gives, and no other;
 * the README's generated list is what the suite prints; the shipped
 * expected-failures file gates it at exit 0.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { baileysRun, findingsMarkdown, withFindings } from '../scripts/baileys-findings.js';
import { REJECT_SUITE } from '../suites/index.js';
import { ROOT, runCli } from './helpers/cli.js';

/** The suite's run on baileys, made once for the tests that read it. */
let found: ReturnType<typeof baileysRun> | undefined;
const baileys = () => (found ??= baileysRun());

/** The names `Object.prototype` gives its properties. */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * The causes the README's findings give, each as a test of what a failure
 * says. Written by hand from baileys' code (lib/WABinary's JID packing,
 * rejectCall): a regression of the suite cannot be regenerated into them.
 */
const CAUSES = {
  /** A device of 0 dropped, or the server rewritten to s.whatsapp.net, by the binary JID packing. */
  'jid-rewritten': (m: string) => {
    const x = /expected (?:the caller \(([^ )]+)(?: or ([^ )]+))?\)|"([^"]+)"), received "([^"]+)"/.exec(m);
    if (!x) return false;
    const received = x[4]!;
    return [x[1], x[2], x[3]]
      .filter((j): j is string => j !== undefined)
      .some(
        (jid) =>
          jid !== received &&
          [jid.replace(/:0@/, '@'), jid.replace(/@.*$/, '@s.whatsapp.net'), jid.replace(/:0@.*$/, '@s.whatsapp.net')].includes(received),
      );
  },
  /** A value named like an Object.prototype property read back as "". */
  'prototype-name-empty': (m: string) => {
    const x = /expected "([^"]+)", received "" \(empty\)/.exec(m);
    return x !== null && PROTOTYPE_NAMES.has(x[1]!);
  },
  /**
   * A JID whose server is named like an Object.prototype property (`…@constructor`, valid by the grammar) is
   * packed as a dictionary token (`TOKEN_MAP[server]` is truthy), which reads back as no server at all.
   */
  'prototype-name-server-not-encodable': (m: string) => /threw on a valid input: Error: invalid jid pair: [^,]*, $/.test(m),
  /** A non-JID value holding "@" makes encodeBinaryNode throw. */
  'at-sign-not-encodable': (m: string) => /threw on a valid input: Error: invalid jid pair/.test(m),
  /** Nothing is refused: whatever is given is written or read as it is. */
  'nothing-refused': (m: string) => /\baccepted .* instead of throwing$/.test(m),
  /** Its one error names no attribute. */
  'error-names-nothing': (m: string) => /with a message that names none of .*: "invalid jid pair: /.test(m),
  /** rejectCall(callId, callFrom) writes the caller's from as call-creator: the offer's own call-creator (the same account, another device or agent) is lost. */
  'call-creator-is-caller': (m: string) => {
    const x = /<reject call-creator>: expected "([^"]+)", received "([^"]+)"/.exec(m);
    const account = (j: string) => j.replace(/[.:][^@]*@/, '@');
    return x !== null && x[1] !== x[2] && account(x[1]!) === account(x[2]!);
  },
  /** rejectCall sends no reason. */
  'no-reason-sent': (m: string) => /<reject reason>: expected "[a-z_]+", received no attribute/.test(m),
} as const;
type Cause = keyof typeof CAUSES;

/** Each check the suite fails on baileys, and the causes its first failure may show. */
const FINDINGS: Record<string, Cause[]> = {
  'reject.corpus.encode': ['jid-rewritten'],
  'reject.corpus.roundtrip': ['jid-rewritten'],
  'reject.corpus.refuses': ['nothing-refused'],
  'reject.corpus.encode-refuses': ['nothing-refused'],
  'reject.corpus.reply': ['no-reason-sent'],
  'reject.encode.from': ['jid-rewritten'],
  'reject.encode.to': ['jid-rewritten'],
  'reject.encode.id': ['prototype-name-empty'],
  'reject.encode.call-id': ['prototype-name-empty'],
  'reject.encode.call-creator': ['jid-rewritten'],
  'reject.encode.reason-absent': ['prototype-name-server-not-encodable'],
  'reject.encode.refuses.missing-attribute': ['nothing-refused'],
  'reject.encode.refuses.empty-attribute': ['nothing-refused'],
  'reject.encode.refuses.reason-outside-enum': ['nothing-refused'],
  'reject.encode.refuses.malformed-jid': ['nothing-refused'],
  'reject.encode.error-names-culprit': ['error-names-nothing'],
  'reject.decode.plain': ['jid-rewritten', 'prototype-name-empty'],
  'reject.decode.layout': ['jid-rewritten', 'prototype-name-empty'],
  'reject.decode.unknown-attributes': ['jid-rewritten', 'prototype-name-empty'],
  'reject.decode.reject-content': ['jid-rewritten', 'prototype-name-empty'],
  'reject.decode.refuses.missing-attribute': ['nothing-refused'],
  'reject.decode.refuses.empty-attribute': ['nothing-refused'],
  'reject.decode.refuses.reason-outside-enum': ['nothing-refused'],
  'reject.decode.refuses.malformed-jid': ['nothing-refused'],
  'reject.decode.refuses.two-rejects': ['nothing-refused'],
  'reject.decode.refuses.extra-child': ['nothing-refused'],
  'reject.decode.error-names-culprit': ['error-names-nothing'],
  'reject.encode.full-reason-list': ['at-sign-not-encodable', 'jid-rewritten', 'prototype-name-empty'],
  'reject.decode.full-reason-list': ['jid-rewritten', 'prototype-name-empty'],
  'reject.roundtrip': ['jid-rewritten', 'prototype-name-empty'],
  'reject.reply.call-id': ['prototype-name-empty'],
  'reject.reply.call-creator': ['jid-rewritten', 'call-creator-is-caller'],
  'reject.reply.to': ['jid-rewritten'],
  'reject.reply.from': ['jid-rewritten'],
  'reject.reply.id': ['prototype-name-empty'],
  'reject.reply.id-generated': ['at-sign-not-encodable', 'prototype-name-empty'],
  'reject.reply.reason': ['no-reason-sent'],
  // each step is held to its own single-call rule: a sequence fails for what one call of it fails for
  'reject.sequence.decode': ['nothing-refused', 'jid-rewritten', 'prototype-name-empty'],
  'reject.sequence.encode': ['nothing-refused', 'jid-rewritten', 'prototype-name-empty', 'at-sign-not-encodable'],
  'reject.sequence.mixed': ['nothing-refused', 'jid-rewritten', 'prototype-name-empty', 'at-sign-not-encodable', 'no-reason-sent'],
};

describe('baileys', () => {
  it('fails exactly the checks the README lists by cause, each for one of its causes', async () => {
    const result = await baileys();
    expect(result.adapter).toMatchObject({ name: 'baileys', version: '6.17.16', wire: 'node' });
    const failed = result.checks.filter((c) => c.failure);
    expect(failed.map((c) => c.id).sort()).toEqual(Object.keys(FINDINGS).sort());
    for (const c of failed) {
      const causes = FINDINGS[c.id]!;
      expect(
        causes.some((cause) => CAUSES[cause](c.failure!.message)),
        `${c.id}: ${c.failure!.message} (expected: ${causes.join(' or ')})`,
      ).toBe(true);
    }
    // every cause is the cause of some finding, and the README gives each
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const cause of Object.keys(CAUSES) as Cause[])
      expect(
        failed.some((c) => CAUSES[cause](c.failure!.message)),
        cause,
      ).toBe(true);
    const prose = readme.replace(/\s+/g, ' ');
    for (const words of [
      'device of `0` is dropped',
      'comes back empty',
      'cannot be encoded',
      'Nothing is refused',
      'errors name no attribute',
      'sends no reason',
    ]) {
      expect(prose.includes(words), `the README gives the cause "${words}"`).toBe(true);
    }
  });

  it("the README's generated list is what the suite prints (run npm run docs:baileys when this fails)", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toBe(withFindings(readme, findingsMarkdown(await baileys())));
  });

  it('with the shipped expected-failures file the gate passes; without it, it fails', async () => {
    const listed = (parse(readFileSync(join(ROOT, 'expected-failures', 'baileys.yaml'), 'utf8')) as { baileys: string[] }).baileys;
    const { summary } = await baileys();
    const skipped = REJECT_SUITE.filter((c) => !c.wires.includes('node')).length;
    const gated = await runCli(['--adapter', 'baileys', '--expected-failures', 'expected-failures/baileys.yaml']);
    expect(gated.code, gated.stdout.slice(-2000)).toBe(0);
    expect(gated.stdout).toContain(
      `baileys: ${summary.passed} passed, ${summary.failed - listed.length} failed, ${listed.length} expected failures, ${skipped} skipped`,
    );
    // what fails unlisted is should-level only: it reports, it does not gate
    const unlisted = (await baileys()).checks.filter((c) => c.failure && !listed.includes(c.id));
    expect(unlisted.map((c) => c.level)).toEqual(unlisted.map(() => 'should'));
    expect(summary.skipped).toBe(skipped);
    const plain = await runCli(['--adapter', 'baileys', '--check', 'reject.encode.call-creator']);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('<reject call-creator>: expected "123456789012345:0@lid", received "123456789012345@lid"');
  });

  it("every finding's reproduce command in the README fails that check again, with the same message", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const findings = [
      ...readme.matchAll(
        /^- \*\*`(\S+)`\*\* \((?:must|should)\): (.*)\n(?: {2}- \d+ of \d+ kinds.*\n)?.*\n {2}- reproduce: ` npx conformance (.*) `$/gm,
      ),
    ];
    expect(findings.length).toBe((await baileys()).summary.failed);
    for (const [i, [, id, message, command]] of findings.entries()) {
      // the first as printed (a worker, as a user runs it); the others in this process (the same
      // replay of one case, without starting a worker that loads Baileys for each)
      const r = await runCli([...command!.split(' '), ...(i === 0 ? [] : ['--no-isolation'])]);
      expect(r.stdout, id).toMatch(/0 passed, 1 failed/);
      expect(r.stdout, id).toContain(message!.replace(/\\([|<>])/g, '$1'));
    }
  }, 600_000);
});

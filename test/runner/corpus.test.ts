import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../adapters/loader.js';
import { ConformanceError } from '../../adapters/errors.js';
import { corpusSource, loadCorpus, run, saveFailures, SHIPPED_CORPUS, type RunResult } from '../../runner/index.js';
import { PAGE_EXAMPLE, reasonList } from '../../spec/index.js';
import { REJECT_SUITE } from '../../suites/index.js';
import { runCli, scratch } from '../helpers/cli.js';
import { FAULTS_DIR } from '../helpers/faults.js';

const reasons = reasonList();
const CORPUS_IDS = REJECT_SUITE.filter((c) => c.corpus !== undefined).map((c) => c.id);
const fixture = (name: string) => loadAdapter(join(FAULTS_DIR, `${name}.ts`));
const failed = (r: RunResult) => r.checks.filter((c) => c.status === 'failed').map((c) => c.id);

/** A corpus folder holding `files` (path → content). */
function corpusOf(files: Record<string, string>): string {
  const dir = scratch('corpus');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const page = PAGE_EXAMPLE.xml;
const message = JSON.stringify(PAGE_EXAMPLE.message);
const refusalOf = (files: Record<string, string>) => {
  try {
    loadCorpus([corpusSource(corpusOf(files), '/')], reasons);
  } catch (e) {
    expect(e).toBeInstanceOf(ConformanceError);
    return (e as Error).message;
  }
  throw new Error('the corpus was taken');
};

describe('the shipped corpus', () => {
  it('holds every part of the layout, each file named by its path', () => {
    const c = loadCorpus([SHIPPED_CORPUS], reasons);
    for (const part of [c.stanzas, c.messages, c.invalid, c.invalidMessages, c.replies]) expect(part.length).toBeGreaterThan(0);
    expect(c.stanzas.map((s) => s.name)).toContain('stanza-conformance/corpus/valid/page-example.xml');
    expect(c.stanzas.find((s) => s.name.endsWith('page-example.xml'))!.message).toEqual(PAGE_EXAMPLE.message);
    expect(new Set(c.stanzas.map((s) => s.wire))).toEqual(new Set(['xml', 'node']));
    expect(c.invalid.filter((s) => s.level === 'should').length).toBeGreaterThan(0);
    expect(c.invalidMessages.some((m) => m.xmlOnly)).toBe(true);
  });

  it('is replayed first, every file once, whatever the seed and --runs', async () => {
    const ref = await loadAdapter('reference');
    for (const seed of [1, 99]) {
      const r = await run({ adapter: ref, seed, runs: 1, isolation: false });
      expect(r.checks.slice(0, CORPUS_IDS.length).map((c) => c.id)).toEqual(CORPUS_IDS);
      const decode = r.checks.find((c) => c.id === 'reject.corpus.decode')!;
      expect(decode.coverage).toEqual({
        kinds: loadCorpus([SHIPPED_CORPUS], reasons).stanzas.filter((s) => s.wire === 'xml').length,
        tried: decode.coverage!.kinds,
        failed: 0,
      });
    }
  });

  it('fails a codec that mis-decodes the page example, naming the file', async () => {
    const r = await run({ adapter: await fixture('decode-drops-agent-from-jids'), isolation: false, checks: ['reject.corpus.*'] });
    const decode = r.checks.find((c) => c.id === 'reject.corpus.decode')!;
    expect(decode.status).toBe('failed');
    expect(decode.failure!.kind).toBe('stanza-conformance/corpus/valid/page-example.xml');
    expect(decode.failure!.reproduce).toContain('--kind stanza-conformance/corpus/valid/page-example.xml --seed 20260 --path 0');
  });
});

describe('loading a corpus', () => {
  it('refuses a folder that is missing, empty, or holds files outside the layout', () => {
    expect(() => loadCorpus([corpusSource('/no/such/dir', '/')], reasons)).toThrow(
      /--corpus \/no\/such\/dir: no such directory: expected a directory/,
    );
    expect(refusalOf({ 'README.md': 'notes' })).toMatch(/no corpus files: expected valid\//);
    expect(refusalOf({ 'x.xml': page })).toMatch(/corpus file .*\/x\.xml: not in a corpus folder: expected valid\//);
    expect(refusalOf({ 'valid/x.txt': page })).toMatch(/valid\/x\.txt: not a stanza file/);
    expect(refusalOf({ 'reply/x.xml': page })).toMatch(/reply\/x\.xml: a reply case is a \.json file/);
  });

  it('refuses a file that is not what its folder says, naming it and what was expected', () => {
    expect(refusalOf({ 'valid/two.xml': page.replace('/>', '/><reject call-id="x" call-creator="A@s.whatsapp.net"/>') })).toMatch(
      /valid\/two\.xml: not a valid stanza \(<call> has 2 <reject> children: expected exactly one\): expected one every conforming codec decodes/,
    );
    expect(refusalOf({ 'valid/doctype.xml': `<!DOCTYPE call>${page}` })).toMatch(
      /put it under invalid\/, where refusing it is should-level/,
    );
    expect(refusalOf({ 'valid/p.xml': page, 'valid/p.message.json': message.replace('CALLID-0001', 'CALLID-0002') })).toMatch(
      /p\.message\.json and the stanza disagree: callId \(<reject call-id>\): the message file says "CALLID-0002-synthetic", the stanza holds "CALLID-0001-synthetic"/,
    );
    expect(refusalOf({ 'valid/p.message.json': message.replace('"A@s.whatsapp.net"', '""') })).toMatch(
      /p\.message\.json: not a valid message: <call to>: expected a JID/,
    );
    expect(refusalOf({ 'invalid/ok.xml': page })).toMatch(
      /invalid\/ok\.xml: a valid stanza \(it means .*CALLID-0001-synthetic.*\): expected one with a fault decode must refuse/,
    );
    expect(refusalOf({ 'invalid/ok.message.json': message })).toMatch(
      /invalid\/ok\.message\.json: a valid message .*: expected one encode must refuse/,
    );
    expect(refusalOf({ 'invalid/x.json': '{"tag":"call"}', 'invalid/x.message.json': message })).toMatch(
      /a message file beside an invalid stanza/,
    );
    expect(refusalOf({ 'reply/r.json': '{"offer":{}}' })).toMatch(/reply\/r\.json: expected \{"offer"/);
    expect(
      refusalOf({
        'reply/r.json': JSON.stringify({
          offer: { ...PAGE_EXAMPLE.message, reason: undefined },
          options: { from: 'B@s.whatsapp.net', colour: 1 },
        }),
      }),
    ).toMatch(/unknown field options\.colour/);
    expect(
      refusalOf({
        'reply/r.json': JSON.stringify({
          offer: { from: 'A@s.whatsapp.net', to: 'B@s.whatsapp.net', id: '1', callId: 'c', callCreator: 'A@s.whatsapp.net' },
          options: { from: 'B@s.whatsapp.net', reason: 'Busy' },
        }),
      }),
    ).toMatch(/reply\/r\.json: options: <reject reason>: expected one of declined/);
  });

  it('refuses garbage with the file name, never a stack trace', () => {
    expect(refusalOf({ 'valid/x.json': '{"tag": "call",' })).toMatch(/valid\/x\.json: not JSON \(/);
    const dir = corpusOf({});
    mkdirSync(join(dir, 'valid'));
    writeFileSync(join(dir, 'valid', 'bin.xml'), Buffer.from([0x3c, 0xff, 0xfe, 0x00]));
    expect(() => loadCorpus([corpusSource(dir, '/')], reasons)).toThrow(/valid\/bin\.xml: not UTF-8 text/);
    writeFileSync(join(dir, 'valid', 'bin.xml'), 'x'.repeat(1_000_001));
    expect(() => loadCorpus([corpusSource(dir, '/')], reasons)).toThrow(/valid\/bin\.xml: more than 1000000 bytes/);
  });

  it('follows links to folders, and refuses a link to nothing, a loop, a FIFO, deep JSON and fields a message does not have', async () => {
    const { execFileSync } = await import('node:child_process');
    const { symlinkSync } = await import('node:fs');
    const shared = corpusOf({ 'valid/p.xml': page });
    const linked = corpusOf({ 'invalid/two.xml': page.replace('/>', '/><reject call-id="x" call-creator="A@s.whatsapp.net"/>') });
    symlinkSync(join(shared, 'valid'), join(linked, 'valid'));
    expect(loadCorpus([corpusSource(linked, '/')], reasons).stanzas.map((s) => s.name)).toEqual([`${linked}/valid/p.xml`]);
    const dangling = corpusOf({ 'valid/p.xml': page });
    symlinkSync(join(dangling, 'nowhere'), join(dangling, 'valid', 'gone.xml'));
    expect(() => loadCorpus([corpusSource(dangling, '/')], reasons)).toThrow(/valid\/gone\.xml: a link to nothing/);
    const loop = corpusOf({ 'valid/p.xml': page });
    symlinkSync(loop, join(loop, 'valid', 'again'));
    expect(() => loadCorpus([corpusSource(loop, '/')], reasons)).toThrow(/valid\/again: a link back to a folder above it/);
    const fifo = corpusOf({ 'valid/p.xml': page });
    execFileSync('mkfifo', [join(fifo, 'valid', 'f.xml')]);
    expect(() => loadCorpus([corpusSource(fifo, '/')], reasons)).toThrow(/valid\/f\.xml: not a regular file/);
    expect(refusalOf({ 'invalid/deep.json': `${'['.repeat(1000)}${']'.repeat(1000)}` })).toMatch(
      /invalid\/deep\.json: JSON nested more than 64 deep/,
    );
    expect(refusalOf({ 'valid/m.message.json': JSON.stringify({ ...PAGE_EXAMPLE.message, x: [[1]] }) })).toMatch(
      /valid\/m\.message\.json: unknown field x: expected a message/,
    );
    const offer = { from: 'A@s.whatsapp.net', to: 'B@s.whatsapp.net', id: '1', callId: 'c', callCreator: 'A@s.whatsapp.net' };
    expect(refusalOf({ 'reply/r.json': JSON.stringify({ offer, options: { from: 'B@s.whatsapp.net', id: null } }) })).toMatch(
      /reply\/r\.json: options: <call id>: expected a non-empty string/,
    );
  });

  it('under --extra-reason, leaves out the shipped files it makes valid, and names a folder clash', () => {
    const extended = reasonList(['dnd']);
    const c = loadCorpus([SHIPPED_CORPUS], extended);
    expect(c.invalid.map((s) => s.name)).not.toContain('stanza-conformance/corpus/invalid/reason-dnd.json');
    expect(c.invalid.length).toBe(loadCorpus([SHIPPED_CORPUS], reasons).invalid.length - 1);
    const mine = corpusOf({ 'invalid/dnd.xml': page.replace('declined', 'dnd') });
    expect(() => loadCorpus([corpusSource(mine, '/')], extended)).toThrow(/a valid stanza .*\(the run extends the reasons with dnd/);
    expect(() => loadCorpus([SHIPPED_CORPUS, { dir: corpusOf({ 'valid/p.xml': page }), label: SHIPPED_CORPUS.label }], reasons)).toThrow(
      /has the same name, so their files would be named alike/,
    );
  });

  it('names files by the folder as given, and reads each folder once', () => {
    const dir = corpusOf({ 'valid/a/p.xml': page, 'invalid/q.json': 'null' });
    const c = loadCorpus(
      [
        { dir, label: 'mine' },
        { dir, label: 'again' },
      ],
      reasons,
    );
    expect(c.stanzas.map((s) => s.name)).toEqual(['mine/valid/a/p.xml']);
    expect(c.messages.map((s) => s.name)).toEqual(['mine/valid/a/p.xml']);
    expect(c.invalid.map((s) => [s.name, s.level])).toEqual([['mine/invalid/q.json', 'must']]);
  });
});

describe('--save-failures and --corpus', () => {
  it('keeps each failing case as a file that replays the failure, and passes the reference', async () => {
    const dir = scratch('saved');
    const broken = await fixture('decode-drops-agent-from-jids');
    const first = await run({ adapter: broken, runs: 10, isolation: false });
    const saved = saveFailures([first], dir);
    expect(saved.written.length).toBeGreaterThan(0);
    expect(
      saved.written.every((f) => /^(valid|invalid|reply)\/reject\.[a-z.-]+--[\w.-]+--[0-9a-f]{10}\.(xml|json|message\.json)$/.test(f)),
    ).toBe(true);
    // the same failures saved again write nothing
    expect(saveFailures([first], dir)).toMatchObject({ written: [], unchanged: saved.written });
    const mine = corpusSource(dir, '/');
    const corpus = loadCorpus([mine], reasons);
    expect(corpus.stanzas.length + corpus.messages.length).toBeGreaterThan(0);

    const replay = await run({ adapter: broken, isolation: false, checks: ['reject.corpus.*'], corpus: [mine], shippedCorpus: false });
    expect(failed(replay)).toEqual(['reject.corpus.decode', 'reject.corpus.roundtrip']);
    expect(replay.checks.find((c) => c.id === 'reject.corpus.decode')!.failure!.kind).toMatch(
      new RegExp(`^${dir}/valid/reject\\.decode\\.`),
    );
    const clean = await run({
      adapter: await loadAdapter('reference'),
      isolation: false,
      checks: ['reject.corpus.*'],
      corpus: [mine],
      shippedCorpus: false,
    });
    expect(failed(clean)).toEqual([]);
  });

  it('saves refusals, encode faults and reply faults in their own folders', async () => {
    const dir = scratch('saved-kinds');
    const results = [];
    for (const f of [
      'decode-skips-jid-validation',
      'encode-accepts-empty-fields',
      'reply-ignores-options-from',
      'encode-drops-agent-from-from',
    ]) {
      results.push(await run({ adapter: await fixture(f), runs: 5, isolation: false }));
    }
    const saved = saveFailures(results, dir);
    const folders = new Set(saved.written.map((f) => f.split('/')[0]));
    expect(folders).toEqual(new Set(['valid', 'invalid', 'reply']));
    expect(saved.written.some((f) => f.startsWith('invalid/') && f.endsWith('.message.json'))).toBe(true);
    const corpus = loadCorpus([corpusSource(dir, '/')], reasons);
    expect(corpus.invalid.length && corpus.invalidMessages.length && corpus.replies.length && corpus.messages.length).toBeGreaterThan(0);
    // each fixture fails the corpus check its saved cases are replayed by, and nothing else
    const expected: Record<string, string[]> = {
      'decode-skips-jid-validation': ['reject.corpus.refuses'],
      'encode-accepts-empty-fields': ['reject.corpus.encode-refuses'],
      'reply-ignores-options-from': ['reject.corpus.reply'],
      'encode-drops-agent-from-from': ['reject.corpus.encode', 'reject.corpus.roundtrip'],
    };
    for (const [f, ids] of Object.entries(expected)) {
      const r = await run({
        adapter: await fixture(f),
        isolation: false,
        checks: ['reject.corpus.*'],
        corpus: [corpusSource(dir, '/')],
        shippedCorpus: false,
      });
      expect(failed(r), f).toEqual(ids);
    }
  });

  it('never saves a case a file cannot hold exactly, and says why; says what it left out', async () => {
    const dir = scratch('saved-exact');
    const surrogates = await run({
      adapter: await fixture('decode-drops-forbidden-characters'),
      runs: 5,
      isolation: false,
      checks: ['reject.decode.refuses.forbidden-character'],
    });
    const undefinedKey = await run({ adapter: await fixture('encode-writes-undefined-call-creator'), runs: 5, isolation: false });
    const saved = saveFailures([surrogates, undefinedKey], dir);
    const why = (kind: string) => saved.notSaved.find((n) => n.kind === kind)?.why;
    expect(why('forbidden-character:lone-high-surrogate')).toMatch(/not data a file holds exactly \(bytes, a lone surrogate/);
    expect(why('missing-attribute:callCreator=undefined')).toMatch(/a key holding undefined/);
    expect(saved.written.length).toBeGreaterThan(0);
    // everything written loads back, and re-fails the codec that failed it
    loadCorpus([corpusSource(dir, '/')], reasons);
    const replay = await run({
      adapter: await fixture('decode-drops-forbidden-characters'),
      isolation: false,
      checks: ['reject.corpus.*'],
      corpus: [corpusSource(dir, '/')],
      shippedCorpus: false,
    });
    expect(failed(replay)).toEqual(['reject.corpus.refuses']);
    const expected = { ...surrogates, checks: surrogates.checks.map((c) => ({ ...c, status: 'expected-failure' as const })) };
    expect(saveFailures([expected], scratch('saved-expected')).notSaved.map((n) => n.why)).toEqual([
      expect.stringMatching(/^an expected failure/),
    ]);
  });

  it('through the CLI: --corpus replays, --save-failures writes and says so, a bad corpus exits 2', async () => {
    const dir = scratch('cli-saved');
    const save = await runCli([
      '--adapter',
      join(FAULTS_DIR, 'decode-skips-jid-validation.ts'),
      '--no-isolation',
      '--check',
      'reject.decode.refuses.malformed-jid',
      '--save-failures',
      dir,
    ]);
    expect(save.code).toBe(1);
    expect(save.stdout).toMatch(new RegExp(`--save-failures: \\d+ file\\(s\\) written to ${dir}; replay them with --corpus ${dir}`));
    const files = readdirSync(join(dir, 'invalid'));
    expect(files.length).toBeGreaterThan(0);
    expect(save.stdout).toContain(`invalid/${files[0]}`);
    const replay = await runCli([
      '--adapter',
      join(FAULTS_DIR, 'decode-skips-jid-validation.ts'),
      '--no-isolation',
      '--check',
      'reject.corpus.refuses',
      '--corpus',
      dir,
    ]);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain(`--corpus ${dir}`);
    expect((await runCli(['--adapter', 'reference', '--check', 'reject.corpus.*', '--corpus', dir])).code).toBe(0);

    const bad = corpusOf({ 'valid/x.xml': '<call/>' });
    const refused = await runCli(['--adapter', 'reference', '--corpus', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^conformance: corpus file .*valid\/x\.xml: not a valid stanza \(<call> has no <reject> child/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(refused.stdout).toBe('');
  });

  it('--list shows each file of a --corpus as a kind', async () => {
    const dir = corpusOf({ 'valid/mine.xml': page });
    const list = await runCli(['--list', '--check', 'reject.corpus.decode', '--corpus', dir]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${dir}/valid/mine.xml`);
    expect(list.stdout).toContain('stanza-conformance/corpus/valid/page-example.xml');
  });

  it('the config field corpus names folders relative to the config file', async () => {
    const dir = scratch('config-corpus');
    cpSync(SHIPPED_CORPUS.dir, join(dir, 'kept'), { recursive: true });
    writeFileSync(join(dir, 'conformance.config.json'), JSON.stringify({ corpus: 'kept' }));
    mkdirSync(join(dir, 'sub'));
    const r = await runCli(['--adapter', 'reference', '--check', 'reject.corpus.decode', '--reporter', 'json:out.json'], join(dir, 'sub'));
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'sub', 'out.json'), 'utf8'));
    expect(report.adapters[0].checks[0].kinds.map((k: { name: string }) => k.name)).toContain('../kept/valid/page-example.xml');
  });
});

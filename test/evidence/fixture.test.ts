/**
 * The fixture capture (test/fixtures/captures/traffic.*), the same traffic as
 * XML and as JSON lines: offers, an ack and a receipt, rejects with
 * `count="0"`, one with `reason="dnd"`, one without `from`, one with
 * `timeout`, and a terminate after the first reject. The report must mean
 * what the traffic shows, in the data, the JSON, the Markdown and the console.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evidenceReportSchema, type EvidenceReport } from '../../runner/evidence/index.js';
import { runCli, scratch } from '../helpers/cli.js';
import { analyze, FIXTURE } from './helpers.js';

const shapes = (r: EvidenceReport, attribute: string) =>
  Object.fromEntries(r.rejects.jids.find((j) => j.attribute === attribute)!.shapes.map((s) => [s.shape, s.count]));

describe.each([
  ['xml', 13, 14, 10, 11],
  ['jsonl', 7, 8, 4, 5],
] as const)('the fixture capture as %s', (format, dndLine, noFromLine, rejectLine, terminateLine) => {
  const file = FIXTURE[format];
  const r = analyze([file]);
  const at = (line: number) => `${file}:${line}`;

  it('reads every stanza, in its format, and tells the kinds of stanza apart', () => {
    expect(r.files).toEqual([{ file, format, by: 'extension', stanzas: 12 }]);
    expect(r.stanzas).toMatchObject({ total: 12, rejects: 5, unreadable: 0, calls: { count: 5 }, others: { count: 2 } });
    expect(r.stanzas.calls.byChild.values.map((v) => [v.value, v.count])).toEqual([
      ['offer', 2],
      ['terminate', 2],
      ['accept', 1],
    ]);
    expect(r.stanzas.others.byRoot.values.map((v) => [v.value, v.count])).toEqual([
      ['ack', 1],
      ['receipt', 1],
    ]);
  });

  it('counts the attributes of the rejects and flags count, which the page does not define', () => {
    const rows = (el: 'call' | 'reject') => r.rejects.attributes[el].attributes.map((a) => [a.name, a.count, a.defined]);
    expect(rows('call')).toEqual([
      ['from', 4, true],
      ['to', 5, true],
      ['id', 5, true],
    ]);
    expect(rows('reject')).toEqual([
      ['call-id', 5, true],
      ['call-creator', 5, true],
      ['reason', 3, true],
      ['count', 5, false],
    ]);
  });

  it('sorts the reasons: declined/busy, the rest of the enum, outside the enum, none', () => {
    const x = r.rejects.reasons;
    const of = (t: { values: { value: string; count: number }[] }) => t.values.map((v) => [v.value, v.count]);
    expect(of(x.onReject)).toEqual([['busy', 1]]);
    expect(of(x.enum)).toEqual([['timeout', 1]]);
    expect(of(x.outside)).toEqual([['dnd', 1]]);
    expect(x.outside.values[0]!.at).toEqual([at(dndLine)]);
    expect(of(x.extended)).toEqual([]);
    expect(x.none.count).toBe(2);
  });

  it('counts the JID shapes of each JID attribute', () => {
    expect(shapes(r, 'from')).toEqual({ 'user:device@s.whatsapp.net': 1, 'user:device@lid': 1, 'user@s.whatsapp.net': 1, 'user:0@lid': 1 });
    expect(r.rejects.jids.find((j) => j.attribute === 'from')!.absent).toBe(1);
    expect(shapes(r, 'to')).toEqual({ 'user:device@s.whatsapp.net': 2, 'user:device@lid': 1, 'user@s.whatsapp.net': 1, 'user@lid': 1 });
    expect(shapes(r, 'call-creator')).toEqual({ 'user:device@lid': 2, 'user@s.whatsapp.net': 2, 'user:device@s.whatsapp.net': 1 });
    expect(r.rejects.jids.find((j) => j.attribute === 'from')!.shapes.find((s) => s.shape === 'user:0@lid')).toMatchObject({
      server: 'lid',
      agent: false,
      device: 'zero',
    });
  });

  it('lists the rejects a conforming decoder refuses under their checks, and the rest apart', () => {
    const check = (id: string) => r.decode.find((d) => d.check === id);
    expect(check('reject.decode.refuses.reason-outside-enum')?.rejects.stanzas).toEqual([
      { at: at(dndLine), message: expect.stringContaining('received "dnd"') },
    ]);
    expect(check('reject.decode.refuses.missing-attribute')?.rejects.stanzas).toEqual([
      { at: at(noFromLine), message: expect.stringContaining('<call from>') },
    ]);
    expect(
      r.decode
        .filter((d) => d.rejects.count > 0)
        .map((d) => d.check)
        .sort(),
    ).toEqual(['reject.decode.refuses.missing-attribute', 'reject.decode.refuses.reason-outside-enum']);
    expect(check('reject.decode.refuses.wrong-child')).toMatchObject({ rejects: { count: 0 }, others: { count: 6 } });
  });

  it('answers the three open questions with counts', () => {
    const q = r.questions;
    expect(q.reasonSet).toMatchObject({ answer: 'full-set', beyondSubset: [{ value: 'timeout', count: 1 }] });
    expect(q.reasonSet.finding).toContain('"timeout" (1)');
    expect(q.autoReject).toMatchObject({ answer: 'candidates', candidates: [{ value: 'dnd', count: 1, extended: false }] });
    expect(q.autoReject.finding).toContain('--extra-reason dnd');
    expect(q.terminateAfterReject).toMatchObject({ answer: 'some-followed', rejects: 5, followed: 1, without: 4, terminates: 2 });
    expect(q.terminateAfterReject.followedAt).toEqual([{ reject: at(rejectLine), terminate: at(terminateLine) }]);
    expect(q.terminateAfterReject.finding).toContain('1 of the 5 rejects');
  });
});

describe('the fixture capture through the CLI', () => {
  it('means the same in XML and in JSON lines', () => {
    const strip = (r: EvidenceReport) => JSON.stringify(r).replace(/test\/fixtures\/captures\/traffic\.(xml|jsonl):\d+/g, 'AT');
    const [x, j] = [analyze([FIXTURE.xml]), analyze([FIXTURE.jsonl])];
    expect(strip({ ...x, files: [] })).toBe(strip({ ...j, files: [] }));
  });

  it('writes a JSON report that the schema validates, exactly', async () => {
    const dir = scratch('evidence-json');
    const out = join(dir, 'evidence.json');
    const r = await runCli(['evidence', FIXTURE.xml, '--reporter', `json:${out}`]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(evidenceReportSchema.parse(json)).toEqual(json);
    expect(json).toMatchObject({ format: 'stanza-conformance-evidence', formatVersion: 1 });
    expect(json.questions.autoReject.candidates[0].value).toBe('dnd');
  });

  it('writes the meaning into the Markdown report', async () => {
    const dir = scratch('evidence-md');
    const out = join(dir, 'evidence.md');
    const r = await runCli(['evidence', FIXTURE.jsonl, '--reporter', `markdown:${out}`]);
    expect(r.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md.startsWith('<!-- stanza-conformance evidence')).toBe(true);
    expect(md).toContain('| &lt;reject&gt; | ` count ` | 5 | **no** |');
    expect(md).toMatch(/\| ` dnd ` \| 1 \| outside the enum \| ` test\/fixtures\/captures\/traffic\.jsonl:7 ` \|/);
    expect(md).toContain('#### ❌ `reject.decode.refuses.reason-outside-enum` (must): 1 reject');
    expect(md).toContain('Candidates for an auto-reject reason: ` dnd ` (1)');
    expect(md).toContain('run the suite with ` --extra-reason dnd `');
    expect(md).toContain('1 of the 5 rejects with a call-id is followed by a &lt;terminate&gt;');
    expect(md).toContain('| ` from ` | ` user:0@lid ` | 1 |');
  });

  it('prints the meaning on the console by default', async () => {
    const r = await runCli(['evidence', FIXTURE.xml]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('12 stanzas · 5 rejects · 5 other <call> stanzas · 2 not <call> · 0 unreadable');
    expect(r.stdout).toContain('on <reject>:  call-id 5, call-creator 5, reason 3, count 5 (not in the spec)');
    expect(r.stdout).toContain('outside the enum: dnd 1');
    expect(r.stdout).toMatch(/from +user:device@s\.whatsapp\.net 1, user:device@lid 1, user@s\.whatsapp\.net 1, user:0@lid 1, absent 1/);
    expect(r.stdout).toContain(`✗ reject.decode.refuses.reason-outside-enum (must): 1 reject\n      ${FIXTURE.xml}:13  <reject reason>:`);
    expect(r.stdout).toContain('run the suite with --extra-reason dnd');
    expect(r.stdout).toContain('1 of the 5 rejects with a call-id is followed by a <terminate>');
  });
});

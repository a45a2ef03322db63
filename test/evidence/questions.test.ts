/** What the evidence says on each of the page's open questions: counts, and never more than the capture shows. */
import { describe, expect, it } from 'vitest';
import { evidenceMarkdown } from '../../reports/evidence/index.js';
import { reasonList } from '../../spec/index.js';
import { scratch } from '../helpers/cli.js';
import { analyze, capture } from './helpers.js';

const dir = scratch('evidence-questions');
let n = 0;
const reject = (callId: string, reason?: string) =>
  `<call from="2:1@lid" to="1@lid" id="R${n++}"><reject call-id="${callId}" call-creator="1@lid" count="0"${reason === undefined ? '' : ` reason="${reason}"`}/></call>`;
const terminate = (callId: string) =>
  `<call from="1@lid" to="2@lid" id="T${n++}"><terminate call-id="${callId}" call-creator="1@lid"/></call>`;
const offer = (callId: string) => `<call from="1@lid" to="2@lid" id="O${n++}"><offer call-id="${callId}" call-creator="1@lid"/></call>`;
const questionsOf = (lines: string[], extend: string[] = []) =>
  analyze([capture(dir, `q${n++}.xml`, `${lines.join('\n')}\n`)], { reasons: reasonList(extend) }).questions;

describe('does reject use the full reason list, or only declined/busy?', () => {
  it('only declined and busy: consistent with the subset, not proof', () => {
    const q = questionsOf([reject('a', 'declined'), reject('b', 'busy'), reject('c', 'busy'), reject('d')]).reasonSet;
    expect(q).toMatchObject({ answer: 'consistent-with-subset', beyondSubset: [], withoutReason: 1 });
    expect(q.finding).toBe(
      'Consistent with the declined/busy subset, not proof of it: the 3 rejects with a reason of the enum carry only "busy" (2), "declined" (1).',
    );
  });

  it('a reason of the enum beyond them: evidence for the full set, naming it', () => {
    const q = questionsOf([reject('a', 'accepted_elsewhere'), reject('b', 'group_call_ended'), reject('c', 'group_call_ended')]).reasonSet;
    expect(q.answer).toBe('full-set');
    expect(q.finding).toContain(
      '3 rejects carry a reason of enum:terminate-reasons beyond declined/busy: "group_call_ended" (2), "accepted_elsewhere" (1)',
    );
  });

  it('no reason of the enum at all, or no reject: no evidence', () => {
    expect(questionsOf([reject('a'), reject('b', 'dnd')]).reasonSet.finding).toBe(
      'No evidence: none of the 2 rejects carries a reason of enum:terminate-reasons (1 carries no reason at all).',
    );
    expect(questionsOf([offer('a')]).reasonSet.finding).toBe('No evidence: the capture holds no reject.');
  });
});

describe('is there a separate auto-reject reason?', () => {
  it('reasons outside the enum are candidates, with the --extra-reason to try when the capture is trusted', () => {
    const q = questionsOf([reject('a', 'dnd'), reject('b', 'blocked'), reject('c', 'dnd'), reject('d', 'declined')]).autoReject;
    expect(q.answer).toBe('candidates');
    expect(q.candidates.map((c) => [c.value, c.count, c.extended])).toEqual([
      ['dnd', 2, false],
      ['blocked', 1, false],
    ]);
    expect(q.finding).toBe(
      'Candidates for an auto-reject reason: "dnd" (2), "blocked" (1) on reject, beyond the shipped enum:terminate-reasons. ' +
        'If the capture is trusted, run the suite with --extra-reason dnd --extra-reason blocked: it then takes them as reasons, which codecs must accept.',
    );
  });

  it('a value already added with --extra-reason stays a candidate, marked, and is no decode failure', () => {
    const r = analyze([capture(dir, 'ext.xml', `${reject('a', 'dnd')}\n${reject('b', 'Do Not Disturb')}\n`)], {
      reasons: reasonList(['dnd']),
    });
    expect(r.rejects.reasons.extended.values.map((v) => v.value)).toEqual(['dnd']);
    expect(r.questions.autoReject.candidates.map((c) => [c.value, c.extended])).toEqual([
      ['Do Not Disturb', false],
      ['dnd', true],
    ]);
    expect(r.questions.autoReject.finding).toContain('Already added with --extra-reason: "dnd" (1).');
    expect(r.questions.autoReject.finding).toContain(
      'Not a reason --extra-reason can add (printable ASCII without spaces): "Do Not Disturb" (1).',
    );
    expect(r.questions.autoReject.finding).not.toContain('run the suite with');
    expect(r.decode.find((d) => d.fault === 'reason-outside-enum')!.rejects.stanzas.map((s) => s.message)).toEqual([
      expect.stringContaining('"Do Not Disturb"'),
    ]);
  });

  it('no reason outside the enum: no evidence', () => {
    const q = questionsOf([reject('a', 'busy'), reject('b')]).autoReject;
    expect(q).toMatchObject({ answer: 'no-evidence', candidates: [] });
    expect(q.finding).toBe('No evidence: none of the 2 rejects carries a reason outside enum:terminate-reasons.');
  });

  it('writes each candidate as code in Markdown', () => {
    const r = analyze([capture(dir, 'md.xml', `${reject('a', 'dnd')}\n`)]);
    expect(evidenceMarkdown(r)).toContain(
      'Candidates for an auto-reject reason: ` dnd ` (1) on reject, beyond the shipped enum:terminate-reasons. If the capture is trusted, run the suite with ` --extra-reason dnd `',
    );
  });
});

describe('after a reject, does a terminate follow?', () => {
  it('no terminate in the capture: no evidence', () => {
    const q = questionsOf([offer('a'), reject('a')]).terminateAfterReject;
    expect(q).toMatchObject({ answer: 'no-evidence', rejects: 1, terminates: 0 });
    expect(q.finding).toBe(
      'No evidence: the capture holds no <terminate> stanza, so it cannot tell whether one follows a reject (1 reject with a call-id).',
    );
  });

  it('a terminate with the same call-id after each reject, in capture order', () => {
    const q = questionsOf([reject('a'), reject('a'), offer('b'), reject('b'), terminate('a'), terminate('b')]).terminateAfterReject;
    expect(q).toMatchObject({ answer: 'every-reject-followed', rejects: 3, followed: 3, without: 0, terminates: 2 });
    expect(q.finding).toContain(
      'Each of the 3 rejects with a call-id is followed by a <terminate> with the same call-id later in the capture',
    );
  });

  it('a terminate before the reject, or for another call, does not follow it', () => {
    const q = questionsOf([terminate('a'), reject('a'), reject('b'), terminate('c')]).terminateAfterReject;
    expect(q).toMatchObject({ answer: 'none-followed', rejects: 2, followed: 0, without: 2, terminates: 2 });
    expect(q.withoutAt.count).toBe(2);
    expect(q.finding).toContain(
      'None of the 2 rejects with a call-id is followed by a <terminate> with the same call-id later in the capture, though the capture holds 2 <terminate> stanzas: consistent with reject being sufficient on its own, as far as this capture goes.',
    );
  });

  it('some followed, some not: both counted', () => {
    const q = questionsOf([reject('a'), reject('b'), reject('c'), terminate('b')]).terminateAfterReject;
    expect(q).toMatchObject({ answer: 'some-followed', rejects: 3, followed: 1, without: 2 });
    expect(q.finding).toContain(
      '1 of the 3 rejects with a call-id is followed by a <terminate> with the same call-id later in the capture; 2 are not',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { ReasonExtensionError, reasonList, TERMINATE_REASONS } from '../../spec/index.js';

describe('enum:terminate-reasons', () => {
  it('is declared once, each value with its provenance', () => {
    expect(TERMINATE_REASONS.map((r) => r.value)).toEqual([
      'declined',
      'busy',
      'timeout',
      'accepted_elsewhere',
      'rejected_elsewhere',
      'group_call_ended',
    ]);
    for (const r of TERMINATE_REASONS) {
      expect(['confirmed', 'probable', 'speculative']).toContain(r.confidence);
      expect(['page', 'decision']).toContain(r.basis);
      expect(r.seen.length).toBeGreaterThan(5);
    }
  });

  it('says which values are seen on reject itself (declined, busy)', () => {
    expect(reasonList().onReject).toEqual(['declined', 'busy']);
  });

  it('extends without editing the package, ignoring repeats and shipped values', () => {
    const list = reasonList(['do_not_disturb', 'busy', 'do_not_disturb', 'blocked']);
    expect(list.extended).toEqual(['do_not_disturb', 'blocked']);
    expect(list.values.slice(-2)).toEqual(['do_not_disturb', 'blocked']);
    expect(reasonList().values).not.toContain('do_not_disturb');
  });

  it('refuses an extension that cannot be a reason, naming it and what is expected', () => {
    for (const bad of ['', 'two words', 'tab\t', 'ümlaut']) {
      expect(() => reasonList([bad])).toThrow(ReasonExtensionError);
      expect(() => reasonList([bad])).toThrow(/expected a non-empty string of printable ASCII/);
    }
  });
});

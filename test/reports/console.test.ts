import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../adapters/contract.js';
import { referenceXmlAdapter } from '../../adapters/reference/xml.js';
import { consoleReporter } from '../../reports/console.js';
import { run } from '../../runner/index.js';
import { TOOL } from '../../runner/version.js';
import trimsCallId from '../fixtures/faults/encode-trims-call-id.js';
import vague from '../fixtures/faults/encode-throws-vague-errors.js';

/** Runs `checks` on `adapter` through a console reporter writing to a fake stream; returns what it wrote. */
async function shown(adapter: Adapter<any>, checks: string[], stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = {}): Promise<string> {
  let text = '';
  const sink = Object.assign({ write: (s: string) => ((text += s), true) }, stream) as unknown as NodeJS.WritableStream;
  const reporter = consoleReporter({ stream: sink, env });
  const a = { adapter: adapter as Adapter, specifier: `./${adapter.name}.ts` };
  reporter.onRunStart?.({
    tool: TOOL,
    seed: 20260,
    seedWasRandom: false,
    runs: 100,
    checks: checks.length,
    adapter: { name: adapter.name, wire: 'xml', specifier: a.specifier },
  });
  const result = await run({
    adapter: a,
    checks,
    onCheckStart: (c, i, n) => reporter.onCheckStart?.(c, i, n),
    onCheckEnd: (r, i, n) => reporter.onCheckEnd?.(r, i, n),
  });
  await reporter.onRunEnd?.(result);
  return text;
}

const COLOUR = /\u001b\[(3\d|9\d|1|2)m/;

describe('the console reporter', () => {
  it('on a terminal: a progress line and colours', async () => {
    const text = await shown(referenceXmlAdapter(), ['reject.encode.from', 'reject.encode.to'], { isTTY: true });
    expect(text).toContain('\r\u001b[K');
    expect(text).toMatch(/\[1\/2\] reject\.encode\.from …/);
    expect(text).toMatch(COLOUR);
  });

  it('in a pipe or CI: plain lines, no escape codes at all', async () => {
    const piped = await shown(referenceXmlAdapter(), ['reject.encode.from'], {});
    expect(piped).not.toContain('\u001b');
    const ci = await shown(referenceXmlAdapter(), ['reject.encode.from'], { isTTY: true }, { CI: 'true', NO_COLOR: '1' });
    expect(ci).not.toContain('\u001b');
  });

  it('honours NO_COLOR on a terminal, and FORCE_COLOR in a pipe', async () => {
    expect(await shown(referenceXmlAdapter(), ['reject.encode.from'], { isTTY: true }, { NO_COLOR: '1' })).not.toMatch(COLOUR);
    expect(await shown(referenceXmlAdapter(), ['reject.encode.from'], {}, { FORCE_COLOR: '1' })).toMatch(COLOUR);
  });

  it('shows each failure: id and level, expected against received, the counterexample, the reproduce command', async () => {
    const text = await shown(trimsCallId, ['reject.encode.call-id'], {});
    expect(text).toMatch(/✗ must {3}reject\.encode\.call-id {2}FAILED \(gating\)/);
    expect(text).toMatch(/✗ reject\.encode\.call-id \(must, gating\): encode writes <reject call-id> verbatim/);
    expect(text).toMatch(/expected: {8}' padded '/);
    expect(text).toMatch(/received: {8}'padded'/);
    expect(text).toMatch(/counterexample: {2}\{/);
    expect(text).toMatch(
      /reproduce: {7}npx conformance --adapter \.\/encode-trims-call-id\.ts --check reject\.encode\.call-id( --kind \S+)? --seed 20260 --path \S+/,
    );
    expect(text).toMatch(/encode-trims-call-id: 0 passed, 1 failed, 0 skipped in \d+ ms · gate: FAILED, 1 gating check failed$/m);
  });

  it('says when a failure does not gate', async () => {
    const text = await shown(vague, ['reject.encode.error-names-culprit'], {});
    expect(text).toMatch(/! should reject\.encode\.error-names-culprit {2}failed \(should, not gating\)/);
    expect(text).toMatch(/gate: passed$/m);
  });
});

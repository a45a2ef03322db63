import type { Wire } from '../adapters/contract.js';
import { kindsOf } from '../runner/kinds.js';
import { reasonList, type ReasonList } from '../spec/index.js';
import { EMPTY_CORPUS, type Check, type CheckContext, type CodecCaller, type Corpus } from '../suites/index.js';
import { plural } from '../reports/_internals/kinds.js';
import { visible } from '../reports/_internals/visible.js';

/** The --list table: id, level, wire forms, title; then where each rule comes from. */
export function listChecks(checks: readonly Check[]): string {
  const width = Math.max(...checks.map((c) => c.id.length));
  const lines = checks.map((c) => `${c.id.padEnd(width)}  ${c.level.padEnd(6)}  ${c.wires.join('+').padEnd(8)}  ${c.title}`);
  return [`${'id'.padEnd(width)}  ${'level'.padEnd(6)}  ${'wires'.padEnd(8)}  title`, ...lines, '', `${checks.length} checks`].join('\n');
}

/** Listing never runs a codec: kinds only describe inputs. */
const NO_CODEC: CodecCaller = {
  call: () => Promise.reject(new Error('--list calls no codec')),
  callWatching: () => Promise.reject(new Error('--list calls no codec')),
};

const WIDTH = 100;
const INDENT = '    ';

/** `names` joined with commas and wrapped at {@link WIDTH}, each line indented, the first after `label`. */
function wrapped(names: readonly string[], label = ''): string[] {
  const room = WIDTH - INDENT.length - label.length;
  const lines: string[] = [];
  let line = '';
  for (const [i, name] of names.entries()) {
    const item = `${visible(name)}${i < names.length - 1 ? ',' : ''}`;
    if (line && line.length + 1 + item.length > room) {
      lines.push(line);
      line = item;
    } else {
      line = line ? `${line} ${item}` : item;
    }
  }
  lines.push(line);
  return lines.map((l, i) => `${INDENT}${i === 0 ? label : ' '.repeat(label.length)}${l}`);
}

const kinds = (n: number) => plural(n, 'kind');

/**
 * The kinds of input each check tries, every one of them in every run (the
 * --list section after the table): per check the count and the names; where
 * the xml and node wires differ, the kinds both have, then each wire's own.
 * Kinds depend on the wire, on the reason list (`reasons`, the shipped
 * one unless extended) and on the corpus (each file a kind).
 */
export function listKinds(checks: readonly Check[], reasons: ReasonList = reasonList(), corpus: Corpus = EMPTY_CORPUS): string {
  const out = [
    'Kinds of input: every run tries each kind of a check at least once, before its random cases;',
    '--kind NAME with --path replays a case of one kind (reproduce commands say both).',
  ];
  // Where the wires differ, the kinds both have are listed once, then each wire's own.
  let total = 0;
  // A check with the very kinds of one listed before says so instead of listing them again.
  const listed = new Map<string, string>();
  for (const check of checks) {
    const byWire = check.wires.map((wire: Wire) => {
      const ctx: CheckContext = { wire, reasons, codec: NO_CODEC, corpus };
      return { wire, names: kindsOf(check, ctx).map((k) => k.name) };
    });
    total += Math.max(0, ...byWire.map((w) => w.names.length));
    const [first, ...others] = byWire;
    if (!first) {
      out.push(`${check.id}: no wire`);
      continue;
    }
    const same = others.every((w) => w.names.length === first.names.length && w.names.every((n, i) => n === first.names[i]));
    const head = `${check.id}: ${same ? `${kinds(first.names.length)} on ${byWire.map((w) => w.wire).join(' and ')}` : byWire.map((w) => `${kinds(w.names.length)} on ${w.wire}`).join(', ')}`;
    const key = JSON.stringify(byWire);
    const before = listed.get(key);
    if (before) {
      out.push(`${head}, the same as ${before}`);
      continue;
    }
    listed.set(key, check.id);
    out.push('', head);
    if (same) {
      out.push(...wrapped(first.names));
      continue;
    }
    const common = first.names.filter((n) => others.every((w) => w.names.includes(n)));
    if (common.length > 0) out.push(...wrapped(common, 'both: '));
    for (const w of byWire) {
      const own = w.names.filter((n) => !common.includes(n));
      if (own.length > 0) out.push(...wrapped(own, `${w.wire} only: `));
    }
  }
  out.push('', `${kinds(total)} in ${plural(checks.length, 'check')} (on the wire with more of them)`);
  return out.join('\n');
}

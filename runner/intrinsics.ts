import { ConformanceError } from '../adapters/errors.js';
import type { CheckResult } from './result.js';

/**
 * The built-ins the runner's verdict is computed with, as they were when the
 * runner loaded (before any adapter). An in-process codec (`--no-isolation`)
 * can replace them; a run whose built-ins changed cannot be trusted.
 */
const WATCHED: ReadonlyArray<readonly [string, object, readonly string[]]> = [
  [
    'Array.prototype',
    Array.prototype,
    [
      'filter',
      'map',
      'some',
      'every',
      'find',
      'findIndex',
      'includes',
      'indexOf',
      'push',
      'slice',
      'splice',
      'join',
      'forEach',
      'reduce',
      'entries',
      'flatMap',
      'sort',
      'concat',
      Symbol.iterator as unknown as string,
    ],
  ],
  ['Object', Object, ['keys', 'values', 'entries', 'fromEntries', 'hasOwn', 'assign', 'freeze', 'getPrototypeOf', 'defineProperty']],
  ['Object.prototype', Object.prototype, ['hasOwnProperty', 'toString']],
  ['JSON', JSON, ['stringify', 'parse']],
  [
    'String.prototype',
    String.prototype,
    ['slice', 'split', 'startsWith', 'endsWith', 'includes', 'indexOf', 'replace', 'trim', 'padEnd', 'toLowerCase'],
  ],
  ['Map.prototype', Map.prototype, ['get', 'set', 'has']],
  ['Set.prototype', Set.prototype, ['has', 'add']],
  ['Promise', Promise, ['all', 'race', 'resolve']],
  ['Promise.prototype', Promise.prototype, ['then', 'catch', 'finally']],
  ['Function.prototype', Function.prototype, ['call', 'apply', 'bind']],
  ['Reflect', Reflect, ['apply', 'ownKeys', 'get']],
  ['Math', Math, ['round', 'max', 'min']],
  ['Number', Number, ['isInteger', 'isFinite']],
  [
    'globalThis',
    globalThis,
    [
      'structuredClone',
      'setTimeout',
      'clearTimeout',
      'setImmediate',
      'Error',
      'Array',
      'Object',
      'String',
      'Map',
      'Set',
      'Promise',
      'JSON',
    ],
  ],
];

const captured = WATCHED.map(([label, owner, keys]) =>
  keys.map((k) => [`${label}.${String(k)}`, owner, k, (owner as Record<string, unknown>)[k]] as const),
).flat();

/** Throws (exit 2) when an adapter in this process replaced a built-in the runner relies on. */
export function checkIntrinsics(specifier: string): void {
  const changed: string[] = [];
  for (let i = 0; i < captured.length; i++) {
    const [name, owner, key, value] = captured[i]!;
    if ((owner as Record<string, unknown>)[key] !== value) changed[changed.length] = name;
  }
  if (changed.length > 0) {
    throw new ConformanceError(
      'adapter_tampered',
      `adapter ${specifier}: replaced built-ins the runner's verdict is computed with (${changed.join(', ')}): the run cannot be trusted; run it isolated (without --no-isolation), where the codec cannot reach them`,
    );
  }
}

/**
 * Throws (exit 2) unless `results` holds exactly one result per selected
 * check, in order, each with a status: passed + failed + skipped + expected
 * (+ stale) adds up to the checks selected. Counted with plain loops.
 */
export function checkCounts(selected: readonly string[], results: readonly CheckResult[]): void {
  let ok = results.length === selected.length;
  for (let i = 0; ok && i < selected.length; i++) {
    const r = results[i];
    const st = r?.status;
    ok =
      r !== undefined &&
      r.id === selected[i] &&
      (st === 'passed' || st === 'failed' || st === 'skipped' || st === 'expected-failure' || st === 'stale-expected-failure');
  }
  if (!ok) {
    throw new ConformanceError(
      'internal_error',
      `the run's results do not add up: ${selected.length} checks selected, ${results.length} results; the run cannot be trusted`,
    );
  }
}

import { ConformanceError } from '../adapters/errors.js';
import { reasonList, ReasonExtensionError, type ReasonList } from '../spec/reasons.js';

/** The reason list extended with `extend`, or a {@link ConformanceError} naming `where` the extension came from (`--extra-reason`, a config file). */
export function extendedReasons(extend: readonly string[], where: string): ReasonList {
  try {
    return reasonList(extend);
  } catch (e) {
    if (e instanceof ReasonExtensionError) throw new ConformanceError('bad_option', `${where}: ${e.message}`);
    throw e;
  }
}

/** A positive whole number from a flag, or a {@link ConformanceError} saying what was expected. */
export function positiveInt(flag: string, text: string, max = 1_000_000_000): number {
  if (!/^[0-9]+$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new ConformanceError('bad_option', `${flag} ${JSON.stringify(text)}: expected a whole number from 1 to ${max}`);
  }
  return Number(text);
}

/** A seed: a 32-bit integer, or `random` for a fresh one. */
export function parseSeed(text: string): { seed: number; random: boolean } {
  if (text === 'random') return { seed: (Math.random() * 0x7fffffff) | 0, random: true };
  if (!/^-?[0-9]+$/.test(text) || Math.abs(Number(text)) > 0x7fffffff) {
    throw new ConformanceError(
      'bad_option',
      `--seed ${JSON.stringify(text)}: expected an integer between -2147483647 and 2147483647, or "random"`,
    );
  }
  return { seed: Number(text), random: false };
}

/** A fast-check path: numbers joined by colons, as printed in reproduce commands. */
export function parsePath(text: string): string {
  if (!/^[0-9]+(:[0-9]+)*$/.test(text)) {
    throw new ConformanceError(
      'bad_option',
      `--path ${JSON.stringify(text)}: expected numbers joined by colons, as printed by a reproduce command (e.g. 3:0:1)`,
    );
  }
  return text;
}

/** A kind's name, as printed in reproduce commands and by --list. */
export function parseKind(text: string): string {
  if (text.trim() === '' || text !== text.trim()) {
    throw new ConformanceError(
      'bad_option',
      `--kind ${JSON.stringify(text)}: expected a kind's name, as printed by a reproduce command or conformance --list (e.g. malformed-jid:from:device-leading-zero)`,
    );
  }
  return text;
}

/** `arg` quoted for a POSIX shell when it needs it. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** What a reproduce command needs to say. */
export interface ReproduceArgs {
  specifier: string;
  checkId: string;
  seed: number;
  path: string;
  /** The kind the case is of, when it is one of a kind's own cases. */
  kind?: string;
  timeoutMs?: number;
  extraReasons?: readonly string[];
  /** The --corpus folders the case's file may be in. */
  corpus?: readonly string[];
  /** False when the run was --no-isolation. */
  isolation?: boolean;
}

/** The one command that replays exactly one failing case. */
export function reproduceCommand(a: ReproduceArgs): string {
  const parts = [
    'npx',
    'conformance',
    '--adapter',
    a.specifier,
    '--check',
    a.checkId,
    ...(a.kind !== undefined ? ['--kind', a.kind] : []),
    '--seed',
    String(a.seed),
    '--path',
    a.path,
  ];
  if (a.timeoutMs !== undefined) parts.push('--timeout', String(a.timeoutMs));
  for (const r of a.extraReasons ?? []) parts.push('--extra-reason', r);
  for (const dir of a.corpus ?? []) parts.push('--corpus', dir);
  if (a.isolation === false) parts.push('--no-isolation');
  return parts.map(shellQuote).join(' ');
}

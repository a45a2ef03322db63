/**
 * Why a run could not be made. Every code means exit 2. `bad_option`: what
 * the user gave is wrong (a flag, the config, a path to the wrong kind of
 * file, a file whose content is not what it must be); `io_error`: a file the
 * run must read or write could not be (permissions, a full disk, a folder
 * that cannot be made), what was asked being right.
 */
export type ConformanceErrorCode =
  | 'adapter_not_found'
  | 'adapter_load'
  | 'adapter_shape'
  | 'adapter_setup'
  | 'bad_option'
  | 'io_error'
  | 'adapter_tampered'
  | 'no_checks'
  | 'all_skipped'
  | 'internal_error';

/**
 * The one error class for a run that cannot be made (bad flags, an adapter
 * that does not load). Its message says what was expected; the CLI prints it
 * without a stack trace and exits 2.
 */
export class ConformanceError extends Error {
  override name = 'ConformanceError';
  constructor(
    readonly code: ConformanceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

import type { ReporterSpec } from '../reports/index.js';

/**
 * The reporters of the session now ending, for the process's last word: a
 * stray error after the reports were written (a timer left by a codec run
 * in this process) ends the run with exit 2, and its reports must not stay
 * behind reading as a pass.
 */
export const writtenReporters: ReporterSpec[] = [];

/** A fixed default seed, so that a release gate runs the same cases every time. */
export const DEFAULT_SEED = 20260;

/** Cases per check when --runs is not given. */
export const DEFAULT_RUNS = 100;

/** Milliseconds one codec call may take before it counts as hung. */
export const DEFAULT_TIMEOUT_MS = 2000;

/** Milliseconds a subprocess testee may take to say hello, at the start and at each restart. */
export const DEFAULT_START_TIMEOUT_MS = 30_000;

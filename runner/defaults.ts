/** A fixed default seed, so that a release gate runs the same cases every time. */
export const DEFAULT_SEED = 20260;

/** Cases per check when --runs is not given. */
export const DEFAULT_RUNS = 100;

/** Milliseconds one codec call may take before it counts as hung. */
export const DEFAULT_TIMEOUT_MS = 2000;

/** A fixed default seed, so that a release gate runs the same cases every time. */
export const DEFAULT_SEED = 20260;

/** Cases per check when --runs is not given. */
export const DEFAULT_RUNS = 100;

/** Milliseconds one codec call may take before it counts as hung. */
export const DEFAULT_TIMEOUT_MS = 2000;

/**
 * Milliseconds an adapter may take to start: module load, worker start and
 * setup, each time it starts (also after a restart). Never charged to a call.
 */
export const DEFAULT_START_TIMEOUT_MS = 30_000;

/** The isolated codec's heap limit, in MB: past it, the call in flight crashed. */
export const DEFAULT_MEMORY_LIMIT_MB = 2048;

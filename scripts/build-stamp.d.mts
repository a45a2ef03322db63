/** Types of scripts/build-stamp.mjs (plain JavaScript, so npm scripts run it without a build). */
export function buildInputs(root: string): string[];
export function sourcesHash(root: string): string;
export function isFresh(root: string): boolean;
export function writeStamp(root: string): void;

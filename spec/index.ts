/** The spec: the one source of truth for the call/reject stanza. */
export * from './facts.js';
export * from './attributes.js';
export * from './reasons.js';
export * from './jid.js';
export * from './references.js';
export * from './messages.js';
export * from './schema.js';
export * from './stanza.js';
export * from './xml/chars.js';
export * from './xml/parse.js';
export * from './xml/write.js';
export * from './read-stanza.js';

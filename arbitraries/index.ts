/** Arbitraries: valid and deliberately broken call/reject stanzas, derived from spec/. */
export * from './xml-char.js';
export * from './text.js';
export * from './jid.js';
export * from './malformed-jid.js';
export * from './bad-reason.js';
export * from './call-reject.js';
export * from './call-offer.js';
export * from './fault.js';
export * from './xml-rendering.js';
export * from './xml-mutation.js';
export * from './node-rendering.js';
export * from './node-mutation.js';
export * from './invalid-message.js';
export * from './kinds.js';

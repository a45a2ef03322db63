import type { CallOffer, CallReject, ReplyOptions, WireNode } from '../spec/index.js';

export type { CallOffer, CallReject, ReplyOptions, WireNode };

/** The wire forms of docs/contract.md: an XML string, or the in-memory node. */
export type Wire = 'xml' | 'node';

/** The wire forms, in the order reports list them. */
export const WIRES: readonly Wire[] = ['xml', 'node'];

/** A value may be returned as is or as a Promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/** The codec for the call/reject stanza. Every member is optional: missing ones skip their checks. */
export interface RejectCodec<W = unknown> {
  /** CallReject -> wire (outgoing). Throws on a message that cannot be a conforming stanza. */
  encode?(msg: CallReject): MaybePromise<W>;
  /** wire -> CallReject (incoming). Throws on a stanza that does not conform. */
  decode?(wire: W): MaybePromise<CallReject>;
  /** Answers an offer with a reject, as wire. */
  reply?(offer: CallOffer, opts: ReplyOptions): MaybePromise<W>;
}

/** The operations of a {@link RejectCodec}. */
export type Operation = keyof RejectCodec;

/** The operations, in the order checks use them. */
export const OPERATIONS: readonly Operation[] = ['encode', 'decode', 'reply'];

/** What an adapter module exports (its default export, or a named export `adapter`). */
export interface Adapter<W = unknown> {
  /** Shown in every report. */
  name: string;
  /** Shown in every report. */
  version?: string;
  /** `'xml'` (the default) or `'node'`. */
  wire?: Wire;
  reject: RejectCodec<W>;
  /** Awaited once before any case. */
  setup?(): MaybePromise<unknown>;
  /** Awaited once at the end, also after failures. */
  teardown?(): MaybePromise<unknown>;
}

/** Types an adapter without changing it: `export default defineAdapter({ ... })`. */
export function defineAdapter<W = string>(adapter: Adapter<W>): Adapter<W> {
  return adapter;
}

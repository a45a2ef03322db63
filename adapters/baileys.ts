import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Adapter, CallOffer, CallReject, ReplyOptions, WireNode } from './contract.js';
import { ConformanceError } from './errors.js';

/** The part of baileys' lib/WABinary the adapter uses. */
interface WABinary {
  encodeBinaryNode(node: WireNode): Buffer;
  decodeBinaryNode(buffer: Buffer): Promise<WireNode>;
  getAllBinaryNodeChildren(node: WireNode): WireNode[];
}

/** baileys' WABinary, from the user's project first, then from wherever this package can see it. */
function loadWABinary(): { lib: WABinary; version: string } {
  for (const from of [join(process.cwd(), 'noop.js'), import.meta.url]) {
    try {
      const require = createRequire(from);
      const lib = require('baileys/lib/WABinary') as WABinary;
      const version = (require('baileys/package.json') as { version: string }).version;
      return { lib, version };
    } catch {
      // try the next place
    }
  }
  throw new ConformanceError(
    'adapter_load',
    'adapter baileys: the baileys package is not installed: expected `npm install baileys` (6.17.16 is the version this adapter was written against)',
  );
}

let messageTag = 0;

/**
 * The binary codec of baileys, the most used TypeScript WhatsApp Web client,
 * on the node wire: every stanza goes through its real binary encoding and
 * back (encodeBinaryNode, decodeBinaryNode), and is built or read the way
 * the client builds and reads call stanzas (lib/Socket/messages-recv.js:
 * rejectCall, handleCall). baileys validates nothing of its own here, so
 * neither does this adapter: what the suite finds is what baileys does.
 */
export function baileysAdapter(): Adapter<WireNode> {
  const { lib, version } = loadWABinary();
  const binary = async (node: WireNode) => lib.decodeBinaryNode(lib.encodeBinaryNode(node));
  // What baileys writes for a reject (count="0", as rejectCall does), taken through the binary codec as it goes on the wire.
  const encode = (m: CallReject) =>
    binary({
      tag: 'call',
      attrs: { from: m.from, to: m.to, id: m.id },
      content: [
        {
          tag: 'reject',
          attrs: {
            'call-id': m.callId,
            'call-creator': m.callCreator,
            count: '0',
            ...(m.reason !== undefined ? { reason: m.reason } : {}),
          },
        },
      ],
    });
  return {
    name: 'baileys',
    version,
    wire: 'node',
    reject: {
      encode,
      // The socket hands only <call> nodes to handleCall (ws.on('CB:call')); there the first
      // child is the call's info, whatever follows it, and its tag must read as a reject.
      async decode(node) {
        const read = await binary(node);
        if (read.tag !== 'call') throw new Error(`baileys does not hand a <${read.tag}> node to its call handler`);
        const [info] = lib.getAllBinaryNodeChildren(read);
        if (!info || info.tag !== 'reject')
          throw new Error(`baileys reads this call as ${info ? `<${info.tag}>` : 'having no child'}, not a reject`);
        const { from, to, id } = read.attrs;
        const { 'call-id': callId, 'call-creator': callCreator, reason } = info.attrs;
        return { from, to, id, callId, callCreator, ...(reason !== undefined ? { reason } : {}) } as CallReject;
      },
      // rejectCall(callId, callFrom): to and call-creator are both the offer's from; no reason; query() adds an id.
      reply: (offer: CallOffer, opts: ReplyOptions) =>
        encode({
          from: opts.from,
          to: offer.from,
          id: opts.id ?? `${Date.now()}.${++messageTag}`,
          callId: offer.callId,
          callCreator: offer.from,
        }),
    },
  };
}

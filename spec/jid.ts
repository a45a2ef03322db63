/**
 * The JID grammar of docs/spec-decisions.md § JID: `user [ "." agent ] [ ":" device ] "@" server`.
 * The page types from, to and call-creator as `jid` but never spells the
 * grammar out, so it is a decision (the malformed-jid checks cite it). The
 * suite treats a JID as text that must survive a codec verbatim; the grammar
 * only says which texts are JIDs at all.
 */

/** The parts of a JID. */
export interface JidParts {
  user: string;
  agent?: number;
  device?: number;
  server: string;
}

/** User servers seen in real traffic. Information, not a rule: any lowercase server is valid. */
export const KNOWN_USER_SERVERS = ['s.whatsapp.net', 'c.us', 'lid', 'hosted', 'hosted.lid'] as const;

/** Largest agent or device number. */
export const JID_NUMBER_MAX = 255;

const JID = /^([0-9A-Za-z]+)(?:\.(0|[1-9][0-9]*))?(?::(0|[1-9][0-9]*))?@([a-z0-9-]+(?:\.[a-z0-9-]+)*)$/;

/** The parts of `text`, or `undefined` when it is not a JID by the grammar. */
export function parseJid(text: string): JidParts | undefined {
  const m = JID.exec(text);
  if (!m) return undefined;
  const [, user = '', agent, device, server = ''] = m;
  const parts: JidParts = { user, server };
  if (agent !== undefined) {
    parts.agent = Number(agent);
    if (parts.agent > JID_NUMBER_MAX) return undefined;
  }
  if (device !== undefined) {
    parts.device = Number(device);
    if (parts.device > JID_NUMBER_MAX) return undefined;
  }
  return parts;
}

/** Whether `value` is a string that the JID grammar accepts. */
export function isJid(value: unknown): value is string {
  return typeof value === 'string' && parseJid(value) !== undefined;
}

/** The text of a JID from its parts (the inverse of {@link parseJid}). */
export function formatJid(parts: JidParts): string {
  const agent = parts.agent === undefined ? '' : `.${parts.agent}`;
  const device = parts.device === undefined ? '' : `:${parts.device}`;
  return `${parts.user}${agent}${device}@${parts.server}`;
}

/** `user@server` of a JID: the account, without agent and device. */
export function bareJid(text: string): string | undefined {
  const parts = parseJid(text);
  return parts && `${parts.user}@${parts.server}`;
}

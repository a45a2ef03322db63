/** What the reference codec throws: the message names the attribute or element at fault. */
export class RejectCodecError extends Error {
  override name = 'RejectCodecError';
}

// A trivial exec: testee for the benchmark: says hello, then answers every
// request with its own input. What it costs is the protocol, not a codec.
import { createInterface } from 'node:readline';

process.stdout.write(
  `${JSON.stringify({ type: 'hello', protocol: 1, name: 'echo', wire: 'xml', operations: ['encode', 'decode', 'reply'] })}\n`,
);
createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, input } = JSON.parse(line);
  process.stdout.write(`${JSON.stringify({ id, ok: true, output: input })}\n`);
});

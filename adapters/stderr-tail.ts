/** How much of a testee's stderr is kept: at least its last 64 Ki characters, at most twice that. */
export const STDERR_TAIL_CHARS = 64 * 1024;

/**
 * The end of a stream that may never end: at least the last `keep`
 * characters and at most `2 * keep` are kept, so a testee that writes
 * without end to stderr costs bounded memory (a whole-life string crashed
 * the runner near 500 MB, "Invalid string length").
 */
export class StderrTail {
  private text = '';

  constructor(private readonly keep = STDERR_TAIL_CHARS) {}

  push(chunk: string): void {
    this.text += chunk;
    // Trimming only past twice the size keeps the cost per character constant.
    if (this.text.length > 2 * this.keep) this.text = this.text.slice(-this.keep);
  }

  /** The kept text, the newest. */
  toString(): string {
    return this.text;
  }
}

/** The end of a stderr tail, for messages. */
export const stderrWords = (text: string) => (text.trim() ? `; its stderr: ${JSON.stringify(text.trim().slice(-600))}` : '');

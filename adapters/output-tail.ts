/** How much of a codec's output stream is kept: at least its last 64 Ki characters, at most twice that. */
export const OUTPUT_TAIL_CHARS = 64 * 1024;

/**
 * The end of a stream that may never end (a codec's stderr or stdout): at
 * least the last `keep` characters and at most `2 * keep` are kept, so a
 * codec that writes without end costs bounded memory (a whole-life string
 * crashed the runner near 500 MB, "Invalid string length").
 */
export class OutputTail {
  private text = '';
  private dropped = 0;

  constructor(private readonly keep = OUTPUT_TAIL_CHARS) {}

  push(chunk: string): void {
    this.text += chunk;
    // Trimming only past twice the size keeps the cost per character constant.
    if (this.text.length > 2 * this.keep) {
      this.dropped += this.text.length - this.keep;
      this.text = this.text.slice(-this.keep);
    }
  }

  /** The kept text, the newest. */
  toString(): string {
    return this.text;
  }

  /** What is kept, as parts for a report (empty when nothing was written); a first part says how much was dropped. */
  parts(): string[] {
    if (this.text === '') return [];
    return this.dropped > 0 ? [`…[${this.dropped} earlier characters dropped]\n`, this.text] : [this.text];
  }
}

/** The end of a stderr tail, for messages. */
export const stderrWords = (text: string) => (text.trim() ? `; its stderr: ${JSON.stringify(text.trim().slice(-600))}` : '');

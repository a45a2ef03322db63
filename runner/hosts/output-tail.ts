/** How much of a codec's output a report keeps: the last 64 KiB. */
export const OUTPUT_TAIL_CHARS = 64 * 1024;

/**
 * The last {@link OUTPUT_TAIL_CHARS} characters a codec wrote to a stream,
 * with a count of what was dropped before them: memory stays bounded however
 * much the codec writes.
 */
export class OutputTail {
  private chunks: string[] = [];
  private size = 0;
  private dropped = 0;

  add(text: string): void {
    if (text.length === 0) return;
    const piece = text.length > OUTPUT_TAIL_CHARS ? text.slice(-OUTPUT_TAIL_CHARS) : text;
    this.dropped += text.length - piece.length;
    this.chunks.push(piece);
    this.size += piece.length;
    while (this.size > OUTPUT_TAIL_CHARS && this.chunks.length > 1) {
      const first = this.chunks.shift()!;
      this.size -= first.length;
      this.dropped += first.length;
    }
  }

  /** What is kept, as parts (empty when nothing was written); a first part says how much was dropped. */
  parts(): string[] {
    if (this.chunks.length === 0) return [];
    return this.dropped > 0 ? [`…[${this.dropped} earlier characters dropped]\n`, ...this.chunks] : [...this.chunks];
  }
}

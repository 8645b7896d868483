/** A growable byte buffer for COPY payloads: appends without building intermediate strings. Reusable (`clear()`). */
export class ByteSink {
  private buffer: Buffer;
  length = 0;

  constructor(capacity = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  /**
   * Makes room for `bytes` more bytes and returns the underlying buffer, so a hot loop can write them at
   * `length` itself (then advance `length`). The buffer changes when it grows: use the returned one.
   */
  reserve(bytes: number): Buffer {
    if (this.length + bytes <= this.buffer.length) return this.buffer;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
    return grown;
  }

  /** Empties the sink, keeping its memory (a grown sink is not allocated again). */
  clear(): void {
    this.length = 0;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  /** A non-negative integer in decimal. */
  int(value: number): void {
    this.reserve(16);
    if (value < 10) {
      this.buffer[this.length++] = 48 + value;
      return;
    }
    let digits = 0;
    for (let rest = value; rest > 0; rest = Math.floor(rest / 10)) digits++;
    let rest = value;
    for (let i = this.length + digits - 1; i >= this.length; i--) {
      this.buffer[i] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    this.length += digits;
  }

  copy(source: Buffer, start: number, end: number): void {
    this.reserve(end - start);
    this.length += source.copy(this.buffer, this.length, start, end);
  }

  text(value: string): void {
    this.reserve(Buffer.byteLength(value));
    this.length += this.buffer.write(value, this.length, 'utf8');
  }

  /** The bytes written so far (a view: do not write to the sink afterwards). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

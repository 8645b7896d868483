import { isUtf8 } from 'node:buffer';

/** Complete lines decoded from a byte stream, with where they are in the file. */
export interface LineBlock {
  /** The lines as text; bytes that are not UTF-8 read as U+FFFD (see `invalid`). */
  lines: string[];
  /** Lines that are not valid UTF-8, by index in `lines`: why (utf8Problem). Absent when every line is. */
  invalid?: Map<number, string>;
  /** 1-based line number of lines[0]. */
  firstLine: number;
  /** Byte offset just past the last line (its LF included): where a resumed read starts. */
  endOffset: number;
}

/** The same, undecoded: `bytes` holds `lineCount` complete lines, each ending with LF (the last one may not, at end of file). */
export interface RawLineBlock {
  bytes: Buffer;
  lineCount: number;
  firstLine: number;
  endOffset: number;
}

const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Cuts a byte stream into lines (LF or CRLF) and tracks byte offsets and line numbers, so a reader
 * can commit at line boundaries and resume with an HTTP Range request from `endOffset`. A UTF-8 BOM at
 * offset 0 is skipped (its bytes still count in the offsets). Holds at most one partial line between
 * chunks. `push`/`end` give decoded lines without their CR; `pushRaw`/`endRaw` give the bytes.
 */
export class LineReader {
  private pending: Buffer = Buffer.alloc(0);
  private offset: number;
  private nextLine: number;

  /** `startOffset`/`startLine`: where the stream starts (0/1, or a checkpoint's offset and last line + 1). */
  constructor(startOffset = 0, startLine = 1) {
    this.offset = startOffset;
    this.nextLine = startLine;
  }

  /** Bytes of the incomplete line held back. */
  get pendingBytes(): number {
    return this.pending.length;
  }

  /** Adds a chunk; returns the lines it completed, if any. */
  push(chunk: Buffer): LineBlock | undefined {
    const block = this.pushRaw(chunk);
    return block && decodeBlock(block);
  }

  /** At end of stream: the last line when the file does not end with a newline. */
  end(): LineBlock | undefined {
    const block = this.endRaw();
    return block && decodeBlock(block);
  }

  pushRaw(chunk: Buffer): RawLineBlock | undefined {
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    if (this.offset === 0 && this.nextLine === 1) {
      if (data.length < BOM.length && BOM.subarray(0, data.length).equals(data)) {
        this.pending = data; // might be the start of a BOM: wait for more
        return undefined;
      }
      data = this.skipBom(data);
    }
    const last = data.lastIndexOf(LF);
    if (last === -1) {
      this.pending = data;
      return undefined;
    }
    this.pending = data.subarray(last + 1);
    const bytes = data.subarray(0, last + 1);
    let lineCount = 0;
    for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) lineCount++;
    return this.emit(bytes, lineCount);
  }

  /**
   * pushRaw without copying the chunk (for big files, where that copy and its garbage add up): the line
   * completed by the chunk's first LF, joined with the bytes held back, comes as a block of its own, then
   * the chunk's other complete lines as one block viewing the chunk. Returns zero, one or two blocks.
   */
  pushRawBlocks(chunk: Buffer): RawLineBlock[] {
    if (this.offset === 0 && this.nextLine === 1) {
      // Start of the file (a BOM may be cut between chunks): the copying path, once.
      const block = this.pushRaw(chunk);
      return block ? [block] : [];
    }
    const last = chunk.lastIndexOf(LF);
    if (last === -1) {
      this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
      return [];
    }
    const blocks: RawLineBlock[] = [];
    let start = 0;
    if (this.pending.length) {
      start = chunk.indexOf(LF) + 1;
      blocks.push(this.emit(Buffer.concat([this.pending, chunk.subarray(0, start)]), 1));
    }
    if (start <= last) {
      const bytes = chunk.subarray(start, last + 1);
      let lineCount = 0;
      for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) lineCount++;
      blocks.push(this.emit(bytes, lineCount));
    }
    this.pending = chunk.subarray(last + 1);
    return blocks;
  }

  endRaw(): RawLineBlock | undefined {
    if (this.pending.length === 0) return undefined;
    let data = this.pending;
    this.pending = Buffer.alloc(0);
    if (this.offset === 0 && this.nextLine === 1) data = this.skipBom(data);
    return this.emit(data, 1);
  }

  private skipBom(data: Buffer): Buffer {
    if (!data.subarray(0, 3).equals(BOM)) return data;
    this.offset = 3;
    return data.subarray(3);
  }

  private emit(bytes: Buffer, lineCount: number): RawLineBlock {
    const block = { bytes, lineCount, firstLine: this.nextLine, endOffset: this.offset + bytes.length };
    this.offset += bytes.length;
    this.nextLine += lineCount;
    return block;
  }
}

/** Decodes a raw block into lines (UTF-8, CR dropped), noting the lines that are not valid UTF-8. */
export function decodeBlock(block: RawLineBlock): LineBlock {
  const { bytes } = block;
  const end = bytes.length && bytes[bytes.length - 1] === LF ? bytes.length - 1 : bytes.length;
  const text = bytes.toString('utf8', 0, end);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length && line.charCodeAt(line.length - 1) === CR) lines[i] = line.slice(0, -1);
  }
  if (isUtf8(bytes)) return { lines, firstLine: block.firstLine, endOffset: block.endOffset };
  const invalid = new Map<number, string>();
  for (let i = 0, start = 0; start <= end; i++) {
    let stop = bytes.indexOf(LF, start);
    if (stop === -1 || stop > end) stop = end;
    const problem = utf8Problem(bytes, start, stop);
    if (problem) invalid.set(i, problem);
    start = stop + 1;
  }
  return { lines, invalid, firstLine: block.firstLine, endOffset: block.endOffset };
}

/**
 * Why the line `bytes[start, end)` is not valid UTF-8 ("invalid UTF-8 at byte N of the line (0xHH)", N counted
 * from 1, HH the byte that starts the bad sequence), or undefined when it is. Node's decoder would turn the bad
 * bytes into U+FFFD without a word: a title stored as "Caf\uFFFD" instead of a quarantined line.
 */
export function utf8Problem(bytes: Uint8Array, start: number, end: number): string | undefined {
  if (isUtf8(bytes.subarray(start, end))) return undefined;
  const at = firstInvalidUtf8(bytes, start, end);
  return `invalid UTF-8 at byte ${at - start + 1} of the line (0x${bytes[at].toString(16).padStart(2, '0')})`;
}

/**
 * Index of the first byte of `bytes[start, end)` that does not begin a well-formed UTF-8 sequence (Unicode
 * table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF, no cut-off sequence), or `end`.
 */
function firstInvalidUtf8(bytes: Uint8Array, start: number, end: number): number {
  for (let i = start; i < end;) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const more = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (more === 0 || i + more >= end) return i;
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    if (bytes[i + 1] < low || bytes[i + 1] > high) return i;
    for (let k = 2; k <= more; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += more + 1;
  }
  return end;
}

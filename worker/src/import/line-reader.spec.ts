import { decodeBlock, LineReader, utf8Problem, type LineBlock } from './line-reader';

function readAll(chunks: Buffer[], reader = new LineReader()): { lines: [number, string][]; offsets: number[] } {
  const lines: [number, string][] = [];
  const offsets: number[] = [];
  const take = (block: LineBlock | undefined) => {
    if (!block) return;
    block.lines.forEach((line, i) => lines.push([block.firstLine + i, line]));
    offsets.push(block.endOffset);
  };
  for (const chunk of chunks) take(reader.push(chunk));
  take(reader.end());
  return { lines, offsets };
}

/** Every way of cutting `text` in two. */
function splits(data: Buffer): Buffer[][] {
  return Array.from({ length: data.length + 1 }, (_, i) => [data.subarray(0, i), data.subarray(i)]);
}

describe('LineReader', () => {
  it('numbers lines and reports the byte offset after each block, wherever chunks are cut', () => {
    const data = Buffer.from('a,b\nc,d\n\nlast');
    for (const chunks of splits(data)) {
      const { lines, offsets } = readAll(chunks);
      expect(lines).toEqual([
        [1, 'a,b'],
        [2, 'c,d'],
        [3, ''],
        [4, 'last'],
      ]);
      expect(offsets[offsets.length - 1]).toBe(data.length);
    }
  });

  it('drops the CR of CRLF line endings and a UTF-8 BOM, counting their bytes', () => {
    const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('movieId,title\r\n1,Léon (1994)\r\n')]);
    for (const chunks of splits(data)) {
      const { lines, offsets } = readAll(chunks);
      expect(lines).toEqual([
        [1, 'movieId,title'],
        [2, '1,Léon (1994)'],
      ]);
      expect(offsets[offsets.length - 1]).toBe(data.length);
    }
  });

  it('keeps multi-byte characters cut between chunks intact', () => {
    const data = Buffer.from('1,Léon\n2,Amélie\n');
    for (const chunks of splits(data))
      expect(readAll(chunks).lines).toEqual([
        [1, '1,Léon'],
        [2, '2,Amélie'],
      ]);
  });

  it('resumes from an offset: a Range read of the rest gives the same lines with the right numbers', () => {
    const data = Buffer.from('h\n1\n2\n3\n');
    const first = new LineReader().push(data.subarray(0, 4))!;
    expect(first).toEqual({ lines: ['h', '1'], firstLine: 1, endOffset: 4 });
    const rest = readAll([data.subarray(first.endOffset)], new LineReader(first.endOffset, 3));
    expect(rest.lines).toEqual([
      [3, '2'],
      [4, '3'],
    ]);
    expect(rest.offsets).toEqual([data.length]);
  });

  it('gives the same lines, numbers and offsets through pushRawBlocks (no copy of the chunk)', () => {
    const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('h\r\n1,Léon\n\n22,x\r\n333\nlast')]);
    const expected = readAll([data]);
    for (const chunks of [...splits(data), [data.subarray(0, 2), data.subarray(2, 9), data.subarray(9, 10), data.subarray(10)]]) {
      const reader = new LineReader();
      const blocks: LineBlock[] = [];
      for (const chunk of chunks) for (const block of reader.pushRawBlocks(chunk)) blocks.push(decodeBlock(block));
      const tail = reader.endRaw();
      if (tail) blocks.push(decodeBlock(tail));
      const lines = blocks.flatMap((block) => block.lines.map((line, i): [number, string] => [block.firstLine + i, line]));
      expect(lines).toEqual(expected.lines);
      expect(blocks[blocks.length - 1].endOffset).toBe(data.length);
      for (const block of blocks) expect(block.endOffset).toBeLessThanOrEqual(data.length);
    }
  });

  it('does not treat bytes like a BOM after offset 0 as one', () => {
    const reader = new LineReader(10, 5);
    expect(reader.push(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x0a]))?.lines).toEqual(['\ufeffa']);
  });
});

describe('UTF-8 validation', () => {
  const problem = (...bytes: number[]) => utf8Problem(Buffer.from(bytes), 0, bytes.length);

  it.each([
    ['ASCII', [0x61, 0x2c, 0x62]],
    ['2-, 3- and 4-byte sequences', [0xc3, 0xa9, 0xe2, 0x80, 0x93, 0xf0, 0x9f, 0x8e, 0xac]],
    ['the highest code point', [0xf4, 0x8f, 0xbf, 0xbf]],
  ])('accepts %s', (_, bytes) => expect(problem(...bytes)).toBeUndefined());

  it.each([
    ['a Latin-1 é', [0x43, 0x61, 0x66, 0xe9, 0x20], 'invalid UTF-8 at byte 4 of the line (0xe9)'],
    ['a lone continuation byte', [0x61, 0x80], 'invalid UTF-8 at byte 2 of the line (0x80)'],
    ['an overlong "/"', [0xc0, 0xaf], 'invalid UTF-8 at byte 1 of the line (0xc0)'],
    ['an overlong 3-byte form', [0x61, 0xe0, 0x80, 0xaf], 'invalid UTF-8 at byte 2 of the line (0xe0)'],
    ['a surrogate', [0xed, 0xa0, 0x80], 'invalid UTF-8 at byte 1 of the line (0xed)'],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 'invalid UTF-8 at byte 1 of the line (0xf4)'],
    ['a sequence cut off by the end of the line', [0x61, 0x62, 0xe2, 0x80], 'invalid UTF-8 at byte 3 of the line (0xe2)'],
    ['0xff', [0xff], 'invalid UTF-8 at byte 1 of the line (0xff)'],
  ])('rejects %s, naming the first bad byte', (_, bytes, reason) => expect(problem(...bytes)).toBe(reason));

  it('counts bytes from the start of the line, not of the buffer', () => {
    const bytes = Buffer.from([0x61, 0x0a, 0x62, 0x63, 0xe9, 0x0a]);
    expect(utf8Problem(bytes, 2, 5)).toBe('invalid UTF-8 at byte 3 of the line (0xe9)');
  });

  it('decodes a block, noting each line that is not UTF-8 (its text shows U+FFFD)', () => {
    const bytes = Buffer.concat([Buffer.from('ok\r\n'), Buffer.from([0x43, 0xe9, 0x0d, 0x0a]), Buffer.from('Léon\n'), Buffer.from([0xff])]);
    const block = decodeBlock({ bytes, lineCount: 4, firstLine: 2, endOffset: 100 });
    expect(block.lines).toEqual(['ok', 'C\ufffd', 'Léon', '\ufffd']);
    expect(block.invalid).toEqual(
      new Map([
        [1, 'invalid UTF-8 at byte 2 of the line (0xe9)'],
        [3, 'invalid UTF-8 at byte 1 of the line (0xff)'],
      ]),
    );
    expect(decodeBlock({ bytes: Buffer.from('a\nb\n'), lineCount: 2, firstLine: 1, endOffset: 4 }).invalid).toBeUndefined();
  });
});

import { ByteSink } from './byte-sink';

describe('ByteSink', () => {
  it('appends integers, bytes, slices and text, growing as needed', () => {
    const sink = new ByteSink(4);
    for (const n of [0, 7, 10, 99, 100, 2147483647, 123456789012]) {
      sink.int(n);
      sink.byte(44);
    }
    sink.copy(Buffer.from('xx1,2,3.5,4yy'), 2, 11);
    sink.text('|Léon\n');
    expect(sink.bytes().toString('utf8')).toBe('0,7,10,99,100,2147483647,123456789012,1,2,3.5,4|Léon\n');
    expect(sink.length).toBe(Buffer.byteLength('0,7,10,99,100,2147483647,123456789012,1,2,3.5,4|Léon\n'));
  });

  it('is reusable after clear(), keeping its grown buffer', () => {
    const sink = new ByteSink(2);
    sink.text('a long first payload');
    const grown = sink.reserve(0);
    sink.clear();
    expect(sink.length).toBe(0);
    sink.text('next');
    expect(sink.bytes().toString('utf8')).toBe('next');
    expect(sink.reserve(0)).toBe(grown);
  });
});

import { parseCsvLine } from './csv-line';

describe('parseCsvLine', () => {
  it('splits plain lines on commas, keeping empty fields', () => {
    expect(parseCsvLine('1,1,4.0,964982703')).toEqual(['1', '1', '4.0', '964982703']);
    expect(parseCsvLine('791,0113610,')).toEqual(['791', '0113610', '']);
    expect(parseCsvLine('')).toEqual(['']);
  });

  it('parses quoted fields with commas and doubled quotes', () => {
    expect(parseCsvLine('11,"American President, The (1995)",Comedy|Drama|Romance')).toEqual([
      '11',
      'American President, The (1995)',
      'Comedy|Drama|Romance',
    ]);
    expect(parseCsvLine('1,"Foo ""Bar"" (1995)",Drama')).toEqual(['1', 'Foo "Bar" (1995)', 'Drama']);
    expect(parseCsvLine('2,"",Drama')).toEqual(['2', '', 'Drama']);
  });

  it.each([
    ['1,"Unclosed (1995),Comedy', /^broken quoting: Quote Not Closed/],
    ['1,"Closed" junk,Comedy', /^broken quoting: Invalid Closing Quote/],
    ['1,Stray "quote" (1995),Comedy', /^broken quoting: Invalid Opening Quote/],
  ])('reports broken quoting in %j', (line, message) => {
    expect(parseCsvLine(line)).toEqual({ error: expect.stringMatching(message) });
  });
});

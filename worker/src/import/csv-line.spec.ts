import { parseCsvLine, parseCsvLines } from './csv-line';

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

describe('parseCsvLines', () => {
  const lines = [
    '1,Toy Story (1995),Adventure',
    '11,"American President, The (1995)",Comedy',
    '',
    '12,"Foo ""Bar"" (1995)",Drama',
    '13,"Carriage\rreturn",Drama',
  ];

  it('gives what parseCsvLine gives for each line', () => {
    expect(parseCsvLines(lines)).toEqual(lines.map(parseCsvLine));
    expect(parseCsvLines(lines)[4]).toEqual(['13', 'Carriage\rreturn', 'Drama']);
  });

  it.each([
    ['an unclosed quote that would swallow the next quoted line', '2,"Unclosed (1995),Comedy'],
    ['a closing quote followed by junk', '2,"Closed" junk,Comedy'],
    ['a line that closes the quote the previous line opened', '2,Opens here",Comedy'],
  ])('rejects only the broken line: %s', (_, broken) => {
    const mixed = [lines[1], broken, lines[3], '3,"Ends the quote?",Drama'];
    const parsed = parseCsvLines(mixed);
    expect(parsed[1]).toEqual(parseCsvLine(broken));
    expect(parsed[1]).toEqual({ error: expect.stringMatching(/^broken quoting: /) });
    expect([parsed[0], parsed[2], parsed[3]]).toEqual([mixed[0], mixed[2], mixed[3]].map(parseCsvLine));
    expect(parsed[3]).toEqual(['3', 'Ends the quote?', 'Drama']);
  });

  it('does not take two broken lines that join into one valid record for one row', () => {
    expect(parseCsvLines(['1,"opens', 'closes",Drama', lines[1]])).toEqual([
      { error: expect.stringMatching(/^broken quoting: Quote Not Closed/) },
      { error: expect.stringMatching(/^broken quoting: /) },
      ['11', 'American President, The (1995)', 'Comedy'],
    ]);
  });
});

import { parsePythonLiteral, PythonLiteralError } from './python-literal';

describe('parsePythonLiteral', () => {
  it('reads the list-of-dicts columns of movies_metadata.csv', () => {
    expect(parsePythonLiteral("[{'id': 16, 'name': 'Animation'}, {'id': 35, 'name': 'Comedy'}]")).toEqual([
      { id: 16, name: 'Animation' },
      { id: 35, name: 'Comedy' },
    ]);
    expect(parsePythonLiteral('[]')).toEqual([]);
    expect(parsePythonLiteral("{'id': 10194, 'name': 'Toy Story Collection', 'poster_path': None}")).toEqual({
      id: 10194,
      name: 'Toy Story Collection',
      poster_path: null,
    });
  });

  it('reads strings Python wrote in double quotes because they hold an apostrophe', () => {
    expect(parsePythonLiteral(`[{'name': "Club d'Investissement Média", 'id': 8170}, {'name': "Workin' Man Films", 'id': 12910}]`)).toEqual(
      [
        { name: "Club d'Investissement Média", id: 8170 },
        { name: "Workin' Man Films", id: 12910 },
      ],
    );
    expect(parsePythonLiteral(`'He said "hi"'`)).toBe('He said "hi"');
  });

  it('decodes Python escapes', () => {
    expect(parsePythonLiteral(String.raw`'it\'s'`)).toBe("it's");
    expect(parsePythonLiteral(String.raw`"a \"b\""`)).toBe('a "b"');
    expect(parsePythonLiteral(String.raw`'back\\slash'`)).toBe('back\\slash');
    expect(parsePythonLiteral(String.raw`'tab\tnew\nline\r'`)).toBe('tab\tnew\nline\r');
    expect(parsePythonLiteral(String.raw`'\xe9t\u00e9 \U0001F3AC \101'`)).toBe('été 🎬 A');
    expect(parsePythonLiteral(String.raw`'C:\path'`)).toBe('C:\\path'); // unknown escapes stay, as in Python
  });

  it('reads numbers, booleans, None, tuples and adjacent strings', () => {
    expect(parsePythonLiteral('[1, -2, 3.5, 1e3, -0.25, .5, 1_000]')).toEqual([1, -2, 3.5, 1000, -0.25, 0.5, 1000]);
    expect(parsePythonLiteral('[True, False, None]')).toEqual([true, false, null]);
    expect(parsePythonLiteral("('a', 1,)")).toEqual(['a', 1]);
    expect(parsePythonLiteral('\'ab\' "cd"')).toBe('abcd');
    expect(parsePythonLiteral("{1: 'one'}")).toEqual({ 1: 'one' });
    expect(parsePythonLiteral("  [ {'a' :1 ,} , ]  ")).toEqual([{ a: 1 }]);
  });

  it.each([
    ["[{'id': 16, 'name': 'Animation'}", /expected "," or "\]"|expected a value but the text ended/],
    ["{'id' 16}", /expected ":"/],
    ["'unterminated", /unterminated string/],
    ['[Nonesuch]', /unexpected character/],
    ['[1] trailing', /unexpected text after the literal/],
    ['{[1]: 2}', /dict keys must be strings or numbers/],
    [String.raw`'\x4'`, /bad \\x escape/],
    ['', /expected a value but the text ended/],
  ])('rejects %j with a position', (text, message) => {
    const parse = () => parsePythonLiteral(text);
    expect(parse).toThrow(PythonLiteralError);
    expect(parse).toThrow(message);
    expect(parse).toThrow(/at position \d+/);
  });
});

/**
 * A parser for the Python literals that pandas wrote into Kaggle's movies_metadata.csv (the `repr()` of
 * lists, dicts and strings): `[{'id': 16, 'name': 'Animation'}]`, `{'name': "Bob's", 'x': None}`.
 *
 * Supports what `ast.literal_eval` accepts in these columns: lists, tuples (read as arrays) and dicts;
 * strings in single or double quotes with Python escapes (\\ \' \" \n \r \t \b \f \v \a \ooo \xhh
 * \uhhhh \Uhhhhhhhh; a backslash before anything else is kept, as Python does); adjacent string literals
 * concatenated; ints and floats (sign, exponent, `_` separators); True, False, None.
 * Anything else is a PythonLiteralError naming the position.
 */
export type PythonValue = null | boolean | number | string | PythonValue[] | { [key: string]: PythonValue };

export class PythonLiteralError extends Error {
  override name = 'PythonLiteralError';
}

export function parsePythonLiteral(text: string): PythonValue {
  const parser = new Parser(text);
  const value = parser.value();
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail('unexpected text after the literal');
  return value;
}

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(message: string): never {
    const near = JSON.stringify(this.text.slice(this.pos, this.pos + 20));
    throw new PythonLiteralError(`${message} at position ${this.pos} (near ${near})`);
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.pos])) this.pos++;
  }

  value(): PythonValue {
    this.skipSpace();
    if (this.atEnd()) this.fail('expected a value but the text ended');
    const char = this.text[this.pos];
    if (char === '[') return this.sequence(']');
    if (char === '(') return this.sequence(')');
    if (char === '{') return this.dict();
    if (char === "'" || char === '"') return this.strings();
    if (/[-+\d.]/.test(char)) return this.number();
    for (const [word, value] of [
      ['True', true],
      ['False', false],
      ['None', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos) && !/\w/.test(this.text[this.pos + word.length] ?? '')) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail('unexpected character');
  }

  private sequence(close: string): PythonValue[] {
    this.pos++; // the opening bracket
    const items: PythonValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) {
        this.pos++;
        return items;
      }
      items.push(this.value());
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') this.pos++;
      else if (next !== close) this.fail(`expected "," or "${close}"`);
    }
  }

  private dict(): { [key: string]: PythonValue } {
    this.pos++; // {
    const result: { [key: string]: PythonValue } = {};
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return result;
      }
      const key = this.value();
      if (typeof key !== 'string' && typeof key !== 'number') this.fail('dict keys must be strings or numbers');
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail('expected ":"');
      this.pos++;
      result[String(key)] = this.value();
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') this.pos++;
      else if (next !== '}') this.fail('expected "," or "}"');
    }
  }

  /** One string literal, or several adjacent ones ('a' 'b' == 'ab'). */
  private strings(): string {
    let result = this.string();
    for (;;) {
      const save = this.pos;
      this.skipSpace();
      const char = this.text[this.pos];
      if (char !== "'" && char !== '"') {
        this.pos = save;
        return result;
      }
      result += this.string();
    }
  }

  private string(): string {
    const quote = this.text[this.pos];
    this.pos++;
    let result = '';
    for (;;) {
      if (this.atEnd()) this.fail('unterminated string');
      const char = this.text[this.pos];
      if (char === quote) {
        this.pos++;
        return result;
      }
      if (char === '\n') this.fail('line break inside a string');
      if (char !== '\\') {
        result += char;
        this.pos++;
        continue;
      }
      result += this.escape();
    }
  }

  private escape(): string {
    this.pos++; // backslash
    if (this.atEnd()) this.fail('unterminated escape');
    const char = this.text[this.pos];
    const simple: Record<string, string> = {
      '\\': '\\',
      "'": "'",
      '"': '"',
      n: '\n',
      r: '\r',
      t: '\t',
      b: '\b',
      f: '\f',
      v: '\v',
      a: '\x07',
      '\n': '',
    };
    if (char in simple) {
      this.pos++;
      return simple[char];
    }
    const hexDigits: Record<string, number> = { x: 2, u: 4, U: 8 };
    if (char in hexDigits) {
      const digits = this.text.slice(this.pos + 1, this.pos + 1 + hexDigits[char]);
      if (!new RegExp(`^[0-9a-fA-F]{${hexDigits[char]}}$`).test(digits)) this.fail(`bad \\${char} escape`);
      this.pos += 1 + digits.length;
      const codePoint = parseInt(digits, 16);
      if (codePoint > 0x10ffff) this.fail('code point out of range');
      return String.fromCodePoint(codePoint);
    }
    const octal = /^[0-7]{1,3}/.exec(this.text.slice(this.pos, this.pos + 3));
    if (octal) {
      this.pos += octal[0].length;
      return String.fromCodePoint(parseInt(octal[0], 8));
    }
    // Python keeps unknown escapes verbatim, backslash included.
    this.pos++;
    return `\\${char}`;
  }

  private number(): number {
    const match = /^[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match) this.fail('bad number');
    this.pos += match[0].length;
    const value = Number(match[0].replace(/_/g, ''));
    if (!Number.isFinite(value)) this.fail('bad number');
    return value;
  }
}

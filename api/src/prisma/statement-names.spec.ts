import { StatementNames } from './prisma.service';

describe('StatementNames', () => {
  it('names each distinct statement text once, the same way every time', () => {
    const names = new StatementNames();
    const a = names.of('SELECT 1');
    expect(a).toMatch(/^s_[\w-]{32}$/);
    expect(names.of('SELECT 1')).toBe(a);
    expect(new StatementNames().of('SELECT 1')).toBe(a);
    expect(names.of('SELECT 2')).not.toBe(a);
    expect(names.size).toBe(2);
  });

  it('leaves statements unnamed (unprepared) beyond its limit, keeping the names it gave', () => {
    const names = new StatementNames(2);
    const first = names.of('SELECT 1');
    names.of('SELECT 2');
    expect(names.of('SELECT 3')).toBeUndefined();
    expect(names.of('SELECT 1')).toBe(first);
    expect(names.size).toBe(2);
  });
});

import { passwordProblem } from './password-rules';

describe('passwordProblem', () => {
  it.each(['        ', ' \t\n \u00a0  \u3000 '])('refuses a password of only whitespace (%j)', (password) => {
    expect(passwordProblem(password)).toBe('must not be only whitespace');
  });

  it.each(['password', '12345678', 'qwertyuiop', 'iloveyou', 'Password123', 'LETMEIN1'])('refuses the common password %s', (password) => {
    expect(passwordProblem(password)).toBe('is one of the most common passwords; choose another');
  });

  it.each(['correct-horse-battery', 'hopper-1906', 'two words here', ' padded password '])('accepts %j', (password) => {
    expect(passwordProblem(password)).toBeNull();
  });
});

import { dictionary } from '@zxcvbn-ts/language-common';
import { ValidateBy, type ValidationArguments } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_RULES = `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, not only whitespace, not one of the most common passwords`;

/**
 * The most common passwords, lower-cased: those of zxcvbn-ts's "passwords-common" list (about 49,000
 * passwords from leaked password sets, ranked by frequency) long enough to be allowed otherwise (about 18,000).
 */
const COMMON_PASSWORDS = new Set(
  dictionary['passwords-common'].filter((password) => password.length >= PASSWORD_MIN_LENGTH).map((password) => password.toLowerCase()),
);

/** Why `password` is refused (a message naming no field), or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.trim() === '') return 'must not be only whitespace';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'is one of the most common passwords; choose another';
  return null;
}

/**
 * A new password (sign-up, change): not only whitespace, and not one of the most common passwords in any
 * letter case. Length is checked by MinLength/MaxLength beside it.
 */
export const IsAcceptablePassword = (): PropertyDecorator =>
  ValidateBy({
    name: 'isAcceptablePassword',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || passwordProblem(value) === null,
      defaultMessage: ({ property, value }: ValidationArguments) => `${property} ${passwordProblem(value as string)}`,
    },
  });

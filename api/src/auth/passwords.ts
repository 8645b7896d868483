import { type Algorithm, hash, verify } from '@node-rs/argon2';

/** Argon2id with OWASP's recommended minimum: 19 MiB memory, 2 iterations, 1 lane. */
const ARGON2ID_OPTIONS = { algorithm: 2 as Algorithm /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** A valid hash of a random password, verified against when the account does not exist (same timing). */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$f64wOtZQCzBpnc9ehZ6Zcw$CXKGlrRJKjkOUHepj4BX+uabARifYOyfbbJPfikTAKE';

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2ID_OPTIONS);

/** True when `password` matches `passwordHash`; a null hash (no password set) never matches. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    const matches = await verify(passwordHash ?? DUMMY_HASH, password);
    return passwordHash !== null && matches;
  } catch {
    return false;
  }
}

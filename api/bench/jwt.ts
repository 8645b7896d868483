import { createHmac, timingSafeEqual } from 'node:crypto';

/** The issuer the API signs and checks (api/src/auth/auth.module.ts). */
export const JWT_ISSUER = 'reelrank';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** An HS256 access token as the API issues it: { sub, role, iat, exp, iss }. */
export function signAccessToken(secret: string, userId: number, ttlSeconds = 24 * 3600, role = 'USER'): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ sub: String(userId), role, iat: now, exp: now + ttlSeconds, iss: JWT_ISSUER }));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/**
 * The user id of a valid HS256 access token (signature, issuer and expiry checked, as the API's JwtService
 * does); null otherwise. What the bare baseline server does per request.
 */
export function verifyAccessToken(secret: string, token: string): number | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const actual = Buffer.from(parts[2], 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as { alg?: string };
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { sub?: string; exp?: number; iss?: string };
    if (header.alg !== 'HS256' || payload.iss !== JWT_ISSUER) return null;
    if (typeof payload.exp !== 'number' || payload.exp <= Date.now() / 1000) return null;
    const id = Number(payload.sub);
    return Number.isSafeInteger(id) ? id : null;
  } catch {
    return null;
  }
}

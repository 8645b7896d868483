import type { User } from '../users/models/user.model';
import { unauthenticated } from '../graphql/errors';

/** What a valid access token says: whose it is and the account's token version when it was issued. */
export interface TokenClaims {
  userId: number;
  tokenVersion: number;
}

/**
 * The caller of one request, resolved lazily: the bearer token is verified the first time something needs
 * it and the user is loaded at most once. Public fields never touch it, so a stale token only fails the
 * fields that depend on the caller. A token is revoked when the account's token version moved on (password
 * changed) or the account is gone: `user()` checks both; `userId()` alone checks neither.
 */
export const REVOKED = 'This access token was revoked (the password changed): sign in again';

export class RequestAuth {
  private verified?: { claims: TokenClaims | null } | { error: Error };
  private userPromise?: Promise<User | null>;

  constructor(
    private readonly token: string | null,
    private readonly verifyToken: (token: string) => TokenClaims,
    private readonly loadUser: (id: number) => Promise<User | null>,
  ) {}

  /** Reads `Authorization: Bearer <token>`; any other non-empty header counts as an invalid token. */
  static tokenFromHeader(header: string | undefined): string | null {
    if (!header?.trim()) return null;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? match[1] : '';
  }

  get hasToken(): boolean {
    return this.token !== null;
  }

  /** The token's claims; null when anonymous; UNAUTHENTICATED for an invalid or expired token. */
  claims(): TokenClaims | null {
    if (!this.verified) {
      try {
        this.verified = { claims: this.token === null ? null : this.verifyToken(this.token) };
      } catch (error) {
        this.verified = { error: error as Error };
      }
    }
    if ('error' in this.verified) throw this.verified.error;
    return this.verified.claims;
  }

  /** The caller's user id; null when anonymous; UNAUTHENTICATED for an invalid or expired token. */
  userId(): number | null {
    return this.claims()?.userId ?? null;
  }

  /** The caller's user id when the token is valid; null when anonymous or the token is bad (never throws). */
  validUserId(): number | null {
    try {
      return this.userId();
    } catch {
      return null;
    }
  }

  /** The user id for rate limiting: never throws, null unless the token is valid. */
  trackerUserId(): number | null {
    return this.validUserId();
  }

  /** The caller, or null when anonymous; UNAUTHENTICATED when the token is bad or revoked, or the user is gone. */
  user(): Promise<User | null> {
    this.userPromise ??= (async () => {
      const claims = this.claims();
      if (claims === null) return null;
      const user = await this.loadUser(claims.userId);
      if (!user) throw unauthenticated('The account of this access token no longer exists');
      if (user.tokenVersion !== claims.tokenVersion) throw unauthenticated(REVOKED);
      return user;
    })();
    return this.userPromise;
  }

  async requireUser(): Promise<User> {
    const user = await this.user();
    if (!user) throw unauthenticated();
    return user;
  }
}

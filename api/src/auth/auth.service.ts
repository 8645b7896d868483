import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Prisma, UserSource } from '@reelrank/prisma';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { conflict, forbidden, notFound, unauthenticated } from '../graphql/errors';
import type { User } from '../users/models/user.model';
import { UsersService } from '../users/users.service';
import type { LogInInput, SignUpInput } from './dto/auth.inputs';
import type { AuthPayload } from './models/auth-payload.model';
import { hashPassword, verifyPassword } from './passwords';
import { RequestAuth, type TokenClaims } from './request-auth';

interface AccessTokenPayload {
  sub: string;
  role: string;
  /** The account's token version at issue (users.token_version); absent in tokens issued before it existed (0). */
  ver?: number;
  exp: number;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async signUp(input: SignUpInput): Promise<AuthPayload> {
    const passwordHash = await hashPassword(input.password);
    try {
      const user = await this.users.createSignUp({ email: input.email, passwordHash, displayName: input.displayName ?? null });
      return this.session(user);
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw conflict('An account with this email already exists', 'input.email');
      }
      throw error;
    }
  }

  /** The same error for an unknown email, a wrong password and a password-less (MovieLens) account. */
  async logIn(input: LogInInput): Promise<AuthPayload> {
    const credentials = await this.users.findCredentials({ email: input.email });
    const valid = await verifyPassword(credentials?.passwordHash ?? null, input.password);
    if (!credentials || !valid) throw unauthenticated('Invalid email or password');
    return this.session(credentials.user);
  }

  /** DEMO ONLY: signs in as a MovieLens user without a password, when DEMO_LOGIN_ENABLED=true. */
  async demoLogIn(userId: number): Promise<AuthPayload> {
    if (!this.config.DEMO_LOGIN_ENABLED) throw forbidden('Demo login is disabled on this server');
    const user = await this.users.findById(userId);
    if (!user || user.source !== UserSource.MOVIELENS) throw notFound(`No MovieLens user with id ${userId}`);
    return this.session(user);
  }

  /** The claims of a valid access token with an expiry (a token without one would never expire), not yet checked against the account; UNAUTHENTICATED otherwise. */
  verifyAccessToken(token: string): TokenClaims {
    try {
      const payload = this.jwt.verify<Partial<AccessTokenPayload>>(token);
      if (typeof payload.exp !== 'number') throw new Error('no expiry');
      const userId = Number(payload.sub);
      const tokenVersion = payload.ver ?? 0;
      if (!Number.isSafeInteger(userId) || !Number.isSafeInteger(tokenVersion)) throw new Error('bad claims');
      return { userId, tokenVersion };
    } catch {
      throw unauthenticated('Invalid or expired access token');
    }
  }

  /** The caller of a request with this `Authorization` header (GraphQL context, HTTP endpoints). */
  requestAuth(authorization: string | undefined): RequestAuth {
    return new RequestAuth(
      RequestAuth.tokenFromHeader(authorization),
      (token) => this.verifyAccessToken(token),
      (id) => this.users.findById(id),
    );
  }

  /** A new access token for `user`, of its current token version. */
  async session(user: User): Promise<AuthPayload> {
    const accessToken = await this.jwt.signAsync({ sub: String(user.id), role: user.role, ver: user.tokenVersion });
    const { exp } = this.jwt.decode<AccessTokenPayload>(accessToken);
    return { accessToken, expiresAt: new Date(exp * 1000), user };
  }
}

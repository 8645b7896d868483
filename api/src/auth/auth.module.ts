import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { UsersModule } from '../users/users.module';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';

const ISSUER = 'reelrank';

/** JWT TTL from config: plain digits are seconds, otherwise a duration such as 7d. */
const expiresIn = (ttl: string) => (/^\d+$/.test(ttl) ? Number(ttl) : (ttl as `${number}d`));

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => {
        // A KeyObject, made once: given a string, jsonwebtoken first tries (and fails) to parse it as a PEM
        // public key on every sign and verify, which cost more than the HMAC itself. Same key bytes (UTF-8).
        const key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
        return {
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: 'HS256', issuer: ISSUER, expiresIn: expiresIn(config.JWT_TTL) },
          verifyOptions: { algorithms: ['HS256'], issuer: ISSUER },
        };
      },
    }),
  ],
  providers: [AuthService, AuthResolver, AdminBootstrapService],
  exports: [AuthService, UsersModule],
})
export class AuthModule {}

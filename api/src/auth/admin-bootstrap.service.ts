import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { UsersService } from '../users/users.service';
import { hashPassword } from './passwords';

/**
 * Creates the first admin from ADMIN_EMAIL and ADMIN_PASSWORD at startup, idempotently: a missing account
 * is created, an existing one is promoted to ADMIN and keeps its password. A failure (e.g. the database is
 * down) is logged and does not stop the API; the next start tries again.
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly users: UsersService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) return;
    try {
      const outcome = await this.users.ensureAdmin(email, () => hashPassword(password));
      if (outcome !== 'unchanged') this.logger.log(`admin ${email} ${outcome}`);
    } catch (error) {
      this.logger.error(`could not ensure admin ${email}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

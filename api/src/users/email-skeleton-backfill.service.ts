import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { UsersService } from './users.service';

/**
 * Gives accounts created before email skeletons were stored theirs (the migration cannot compute them), at
 * startup. A failure is logged and does not stop the API; the next start tries again.
 */
@Injectable()
export class EmailSkeletonBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(private readonly users: UsersService) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const filled = await this.users.backfillEmailSkeletons();
      if (filled > 0) this.logger.log(`email skeletons of ${filled} existing account(s) stored`);
    } catch (error) {
      this.logger.error(`could not store email skeletons: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

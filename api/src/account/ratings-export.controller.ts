import { Controller, Get, Headers, HttpException, HttpStatus, Logger, Res } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import type { ServerResponse } from 'node:http';
import { AuthService } from '../auth/auth.service';
import { AccountService } from './account.service';

/** Where the signed-in user downloads their ratings. */
export const RATINGS_CSV_PATH = 'api/me/ratings.csv';

/**
 * `GET /api/me/ratings.csv` with `Authorization: Bearer <token>`: the signed-in user's ratings as a CSV
 * download (AccountService.writeRatingsCsv), streamed. 401 with a JSON message when the token is missing,
 * invalid or revoked, or the account is gone.
 */
@Controller()
export class RatingsExportController {
  private readonly logger = new Logger('Account');

  constructor(
    private readonly auth: AuthService,
    private readonly account: AccountService,
  ) {}

  @Get(RATINGS_CSV_PATH)
  async ratingsCsv(@Headers('authorization') authorization: string | undefined, @Res() res: ServerResponse): Promise<void> {
    let userId: number;
    try {
      userId = (await this.auth.requestAuth(authorization).requireUser()).id;
    } catch (error) {
      if (error instanceof GraphQLError) throw new HttpException({ message: error.message }, HttpStatus.UNAUTHORIZED);
      throw error;
    }
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="reelrank-ratings.csv"');
    res.setHeader('Cache-Control', 'no-store');
    try {
      await this.account.writeRatingsCsv(userId, res);
    } catch (error) {
      // Headers are sent with the first rows: a failure midway can only cut the download short.
      this.logger.error(`ratings export of user ${userId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

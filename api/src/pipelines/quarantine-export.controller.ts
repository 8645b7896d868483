import { Controller, Get, Headers, HttpException, HttpStatus, Logger, Param, Query, Res } from '@nestjs/common';
import { UserRole } from '@reelrank/prisma';
import { datasetVersionProblem, MOVIELENS_FILES, type MovieLensFile } from '@reelrank/workflows';
import { GraphQLError } from 'graphql';
import type { ServerResponse } from 'node:http';
import { AuthService } from '../auth/auth.service';
import { FILE_CHOICES } from './dto/quarantine.args';
import { QuarantineService } from './quarantine.service';

/** Where an admin downloads the quarantined rows of a dataset version's import. */
export const QUARANTINE_CSV_PATH = 'api/admin/datasets/:datasetVersion/quarantine.csv';

/**
 * `GET /api/admin/datasets/<version>/quarantine.csv[?file=ratings&reason=...]` with `Authorization: Bearer
 * <token>`: the quarantined rows of the version's latest import (QuarantineService.writeCsv), filtered like
 * PipelineRun.quarantinedRows, streamed. 401 without a valid token, 403 for a non-admin, 400 for a bad version
 * or filter, each with a JSON message.
 */
@Controller()
export class QuarantineExportController {
  private readonly logger = new Logger('Pipelines');

  constructor(
    private readonly auth: AuthService,
    private readonly quarantine: QuarantineService,
  ) {}

  @Get(QUARANTINE_CSV_PATH)
  async quarantineCsv(
    @Headers('authorization') authorization: string | undefined,
    @Param('datasetVersion') datasetVersion: string,
    @Query('file') file: unknown,
    @Query('reason') reason: unknown,
    @Res() res: ServerResponse,
  ): Promise<void> {
    let role: UserRole;
    try {
      role = (await this.auth.requestAuth(authorization).requireUser()).role;
    } catch (error) {
      if (error instanceof GraphQLError) throw new HttpException({ message: error.message }, HttpStatus.UNAUTHORIZED);
      throw error;
    }
    if (role !== UserRole.ADMIN) throw new HttpException({ message: `Only ${UserRole.ADMIN} users may do this` }, HttpStatus.FORBIDDEN);
    const problem =
      datasetVersionProblem(datasetVersion) ??
      (file !== undefined && !MOVIELENS_FILES.includes(file as MovieLensFile) ? FILE_CHOICES : undefined) ??
      (reason !== undefined && (typeof reason !== 'string' || reason.length > 500)
        ? 'reason must be one text of at most 500 characters'
        : undefined);
    if (problem) throw new HttpException({ message: problem }, HttpStatus.BAD_REQUEST);

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="quarantine-${datasetVersion}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await this.quarantine.writeCsv(
        datasetVersion,
        { file: file as MovieLensFile | undefined, reason: reason as string | undefined },
        res,
      );
    } catch (error) {
      // Headers are sent with the first rows: a failure midway can only cut the download short.
      this.logger.error(`quarantine export of ${datasetVersion} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

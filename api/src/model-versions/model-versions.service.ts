import { Injectable } from '@nestjs/common';
import { activateModelVersion, lockActiveModel, ModelVersionStatus, type ModelVersion as ModelVersionRow } from '@reelrank/prisma';
import { PrismaService } from '../prisma/prisma.service';
import type { DataCounts, StoredRetrainMetrics } from '@reelrank/workflows';
import { badUserInput, notFound } from '../graphql/errors';
import type { ModelVersion } from './models/model-version.model';
import { readDataCounts, readModelParams, readNewUserEvaluation, readRetrainMetrics, readStageTimings } from './stored-metrics';

/** Statuses whose models are published (artifacts, recommendations, similar movies) and may serve. */
const PROMOTABLE: ModelVersionStatus[] = [ModelVersionStatus.READY, ModelVersionStatus.REJECTED];

/** Model versions, the active model, and promotion / rollback. */
@Injectable()
export class ModelVersionsService {
  constructor(private readonly prisma: PrismaService) {}

  async list(first: number): Promise<ModelVersion[]> {
    const [rows, active] = await Promise.all([
      this.prisma.modelVersion.findMany({ orderBy: [{ createdAt: 'desc' }, { version: 'desc' }], take: first }),
      this.prisma.activeModel.findUnique({ where: { id: 1 } }),
    ]);
    return rows.map((row) => toModel(row, active?.version));
  }

  async get(version: string): Promise<ModelVersion | null> {
    const [row, active] = await Promise.all([
      this.prisma.modelVersion.findUnique({ where: { version } }),
      this.prisma.activeModel.findUnique({ where: { id: 1 } }),
    ]);
    return row ? toModel(row, active?.version) : null;
  }

  async active(): Promise<ModelVersion | null> {
    const active = await this.prisma.activeModel.findUnique({ where: { id: 1 }, include: { model: true } });
    return active ? toModel(active.model, active.version) : null;
  }

  /**
   * Makes `version` the active model (roll forward or back) through activateModelVersion, the one writer of
   * active_model, in one transaction under the active-model lock, with the version row locked so that a
   * concurrent prune or status change cannot interleave.
   */
  async promote(version: string): Promise<ModelVersion> {
    return this.prisma.$transaction(async (tx) => {
      const statements = { query: (text: string, values: unknown[]) => tx.$executeRawUnsafe(text, ...values) };
      await lockActiveModel(statements);
      const [row] = await tx.$queryRaw<{ status: ModelVersionStatus }[]>`
        SELECT status FROM model_versions WHERE version = ${version} FOR UPDATE`;
      if (!row) throw notFound(`No model version ${version}`);
      if (!PROMOTABLE.includes(row.status)) {
        throw badUserInput(
          'version',
          `model version ${version} is ${row.status}; only ${PROMOTABLE.join(' or ')} versions can be promoted`,
        );
      }
      await activateModelVersion(statements, version);
      return toModel(await tx.modelVersion.findUniqueOrThrow({ where: { version } }), version);
    });
  }
}

/** Exported for tests: the GraphQL view of a model_versions row. */
export function toModel(row: ModelVersionRow, activeVersion: string | undefined): ModelVersion {
  const metrics = row.metrics as StoredRetrainMetrics | null;
  const summary = metrics?.summary;
  const counts = row.dataCounts as Partial<DataCounts> | null;
  return {
    version: row.version,
    status: row.status,
    active: row.version === activeVersion,
    workflowId: row.workflowId,
    rejectionReason: row.rejectionReason,
    rmse: num(summary?.explicitRmse),
    rmseStd: num(summary?.explicitRmseStd),
    precisionAtK: num(summary?.implicitPrecisionAtK),
    recallAtK: num(summary?.implicitRecallAtK),
    ndcgAtK: num(summary?.implicitNdcgAtK),
    popularityNdcgAtK: num(summary?.popularityNdcgAtK) ?? num(metrics?.implicit?.ranking?.popularity?.ndcgAtK),
    k: int(summary?.k),
    newUser: readNewUserEvaluation(row.metrics),
    ratingCount: int(counts?.ratings),
    userCount: int(counts?.users),
    movieCount: int(counts?.movies),
    params: readModelParams(row.params),
    metrics: readRetrainMetrics(row.metrics),
    dataCounts: readDataCounts(row.dataCounts),
    timings: readStageTimings(row.timings),
    snapshotAt: row.snapshotAt,
    createdAt: row.createdAt,
    promotedAt: row.promotedAt,
  };
}

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const int = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? value : null);

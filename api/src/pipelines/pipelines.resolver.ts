import { UseGuards } from '@nestjs/common';
import { Args, Float, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { ConnectionShape } from '../graphql/pagination';
import { UserRole } from '@reelrank/prisma';
import { GqlAuthGuard } from '../auth/gql-auth.guard';
import { Roles, RolesGuard } from '../auth/roles.guard';
import { perEdge, perRow } from '../graphql/limits';
import { DatasetVersionArgs, PipelineRunsArgs, RetrainModelArgs, WorkflowIdArgs } from './dto/pipelines.args';
import { PipelineRunProgress, progressValue, type PipelineRunProgressValue } from './models/pipeline-run-progress.model';
import { QuarantinedRowsArgs } from './dto/quarantine.args';
import { PipelineRunError } from './models/pipeline-run-error.model';
import { PipelineRun, PipelineRunType } from './models/pipeline-run.model';
import { QuarantineCount, QuarantinedRowConnection, type QuarantinedRow } from './models/quarantine.model';
import { QuarantineService } from './quarantine.service';

import { PipelinesService, type PipelineRunRecord } from './pipelines.service';

@Resolver(() => PipelineRun)
@UseGuards(GqlAuthGuard, RolesGuard)
@Roles(UserRole.ADMIN)
export class PipelinesResolver {
  constructor(
    private readonly pipelines: PipelinesService,
    private readonly quarantine: QuarantineService,
  ) {}

  @Query(() => [PipelineRun], {
    description: 'Pipeline, import, enrichment, retrain and system-check runs from Temporal, newest first. ADMIN only.',
    complexity: perRow,
  })
  pipelineRuns(@Args() { filter, first }: PipelineRunsArgs): Promise<PipelineRunRecord[]> {
    return this.pipelines.list(filter, first);
  }

  @Query(() => PipelineRun, {
    description: 'The latest run of a workflow with its live progress; NOT_FOUND for an unknown id. ADMIN only.',
  })
  pipelineRun(@Args() { workflowId }: WorkflowIdArgs): Promise<PipelineRunRecord> {
    return this.pipelines.get(workflowId);
  }

  @Mutation(() => PipelineRun, {
    description: 'Starts import + enrichment + retrain of a dataset version; CONFLICT while one runs for it. ADMIN only.',
  })
  startPipeline(@Args() { datasetVersion }: DatasetVersionArgs): Promise<PipelineRunRecord> {
    return this.pipelines.startPipeline(datasetVersion);
  }

  @Mutation(() => PipelineRun, {
    description: 'Starts the MovieLens import of a dataset version; CONFLICT while one runs for it. ADMIN only.',
  })
  startImport(@Args() { datasetVersion }: DatasetVersionArgs): Promise<PipelineRunRecord> {
    return this.pipelines.startImport(datasetVersion);
  }

  @Mutation(() => PipelineRun, { description: 'Starts TMDB enrichment for a dataset version; CONFLICT while one runs for it. ADMIN only.' })
  startEnrichment(@Args() { datasetVersion }: DatasetVersionArgs): Promise<PipelineRunRecord> {
    return this.pipelines.startEnrichment(datasetVersion);
  }

  @Mutation(() => PipelineRun, {
    description:
      'Starts a recommender retrain now (tuning grid overrides optional), even when no rating changed since the active model (scheduled and engagement retrains skip then); CONFLICT while that version trains. ADMIN only.',
  })
  retrainModel(@Args() { input }: RetrainModelArgs): Promise<PipelineRunRecord> {
    return this.pipelines.retrainModel(input);
  }

  @Mutation(() => PipelineRun, {
    description: 'Requests cancellation of a running workflow (and its child workflows); NOT_FOUND for an unknown id. ADMIN only.',
  })
  cancelPipelineRun(@Args() { workflowId }: WorkflowIdArgs): Promise<PipelineRunRecord> {
    return this.pipelines.cancel(workflowId);
  }

  @ResolveField(() => Float, { nullable: true })
  async progress(@Parent() run: PipelineRunRecord): Promise<number | null> {
    return (await this.pipelines.live(run)).fraction;
  }

  @ResolveField(() => PipelineRunProgress, { nullable: true })
  async progressDetails(@Parent() run: PipelineRunRecord): Promise<PipelineRunProgressValue | null> {
    const { details } = await this.pipelines.live(run);
    return details && progressValue(details);
  }

  @ResolveField(() => PipelineRunError, { nullable: true })
  error(@Parent() run: PipelineRunRecord): Promise<PipelineRunError | null> {
    return this.pipelines.error(run);
  }

  @ResolveField(() => QuarantinedRowConnection, {
    nullable: true,
    description:
      "Rows the import of the run's dataset version set aside, in file order then by line (the latest import of the version); null for runs that import nothing",
    complexity: perEdge,
  })
  quarantinedRows(@Parent() run: PipelineRunRecord, @Args() args: QuarantinedRowsArgs): Promise<ConnectionShape<QuarantinedRow>> | null {
    const version = importedVersion(run);
    return version === null ? null : this.quarantine.rows(version, args);
  }

  @ResolveField(() => [QuarantineCount], {
    nullable: true,
    description: "Quarantined rows per file and kind of reason (the filter's choices); null for runs that import nothing",
  })
  quarantineCounts(@Parent() run: PipelineRunRecord): Promise<QuarantineCount[]> | null {
    const version = importedVersion(run);
    return version === null ? null : this.quarantine.counts(version);
  }

  @ResolveField(() => String, { nullable: true })
  async stage(@Parent() run: PipelineRunRecord): Promise<string | null> {
    if (run.searchStage) return run.searchStage;
    return (await this.pipelines.live(run)).stage;
  }
}

/** The dataset version an import or pipeline run loads; null for other runs. */
const importedVersion = (run: PipelineRunRecord): string | null =>
  run.type === PipelineRunType.IMPORT || run.type === PipelineRunType.PIPELINE ? run.datasetVersion : null;

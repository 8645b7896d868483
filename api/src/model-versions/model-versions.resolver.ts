import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { UserRole } from '@reelrank/prisma';
import { GqlAuthGuard } from '../auth/gql-auth.guard';
import { Roles, RolesGuard } from '../auth/roles.guard';
import { perRow } from '../graphql/limits';
import { ModelVersionArgs, ModelVersionsArgs, PromoteModelArgs } from './dto/model-versions.args';
import { ModelVersion } from './models/model-version.model';
import { ModelVersionsService } from './model-versions.service';

@Resolver(() => ModelVersion)
@UseGuards(GqlAuthGuard, RolesGuard)
@Roles(UserRole.ADMIN)
export class ModelVersionsResolver {
  constructor(private readonly versions: ModelVersionsService) {}

  @Query(() => [ModelVersion], { description: 'Trained model versions, newest first. ADMIN only.', complexity: perRow })
  modelVersions(@Args() { first }: ModelVersionsArgs): Promise<ModelVersion[]> {
    return this.versions.list(first);
  }

  @Query(() => ModelVersion, { nullable: true, description: 'One model version; null when unknown. ADMIN only.' })
  modelVersion(@Args() { version }: ModelVersionArgs): Promise<ModelVersion | null> {
    return this.versions.get(version);
  }

  @Query(() => ModelVersion, {
    nullable: true,
    description: 'The model version serving recommendations; null before the first promotion. ADMIN only.',
  })
  activeModel(): Promise<ModelVersion | null> {
    return this.versions.active();
  }

  @Mutation(() => ModelVersion, {
    description:
      'Makes a READY (or REJECTED) version the active model: roll forward or back. NOT_FOUND for an unknown version, BAD_USER_INPUT for TRAINING/FAILED. ADMIN only.',
  })
  promoteModel(@Args() { version }: PromoteModelArgs): Promise<ModelVersion> {
    return this.versions.promote(version);
  }
}

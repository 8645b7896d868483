import { UseGuards } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { UserRole } from '@reelrank/prisma';
import { GqlAuthGuard } from '../auth/gql-auth.guard';
import { Roles, RolesGuard } from '../auth/roles.guard';
import { DatasetVersionsService } from './dataset-versions.service';
import { DatasetVersion } from './models/dataset-version.model';

@Resolver(() => DatasetVersion)
@UseGuards(GqlAuthGuard, RolesGuard)
@Roles(UserRole.ADMIN)
export class DatasetVersionsResolver {
  constructor(private readonly datasets: DatasetVersionsService) {}

  @Query(() => [DatasetVersion], {
    description: 'The dataset versions uploaded to the raw zone, by name: files, sizes, checksums and their latest import. ADMIN only.',
  })
  datasetVersions(): Promise<DatasetVersion[]> {
    return this.datasets.list();
  }
}

import { Query, Resolver } from '@nestjs/graphql';
import { Health } from './health.model';
import { HealthService, PROBED_SERVICES } from './health.service';

@Resolver(() => Health)
export class HealthResolver {
  constructor(private readonly healthService: HealthService) {}

  @Query(() => Health, { complexity: ({ childComplexity }) => PROBED_SERVICES.length + childComplexity })
  health(): Promise<Health> {
    return this.healthService.check();
  }
}

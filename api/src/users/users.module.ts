import { Module } from '@nestjs/common';
import { EmailSkeletonBackfill } from './email-skeleton-backfill.service';
import { UsersResolver } from './users.resolver';
import { UsersService } from './users.service';

@Module({ providers: [UsersService, UsersResolver, EmailSkeletonBackfill], exports: [UsersService] })
export class UsersModule {}

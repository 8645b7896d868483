import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AccountResolver } from './account.resolver';
import { AccountService } from './account.service';
import { RatingsExportController } from './ratings-export.controller';

/** The signed-in user's account: change password, delete it, export their ratings. */
@Module({
  imports: [AuthModule],
  providers: [AccountService, AccountResolver],
  controllers: [RatingsExportController],
})
export class AccountModule {}

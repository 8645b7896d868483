import { ArgsType } from '@nestjs/graphql';
import { PageArgs } from '../../graphql/pagination';

@ArgsType()
export class UsersArgs extends PageArgs {}

import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@reelrank/prisma';
import { createHash } from 'node:crypto';

export const DATABASE_URL = Symbol('DATABASE_URL');

/** Distinct statement texts that get a name (and so stay prepared on every connection that runs them). */
export const MAX_PREPARED_STATEMENTS = 1000;

/**
 * Names for prepared statements, one per distinct SQL text. A named statement is parsed once per connection
 * and PostgreSQL keeps its plan: after five executions it reuses a generic plan when that is estimated no
 * worse than planning with the actual parameters, sparing a parse and a planning per call (the precomputed
 * recommendations query was planned longer than it ran). node-postgres keeps every statement it prepared for
 * the life of the connection, so only the first `limit` distinct texts get a name; others run unnamed (parsed
 * and planned on every call, as before).
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly limit = MAX_PREPARED_STATEMENTS) {}

  /** The statement's name, or undefined (an unnamed statement) once `limit` texts have names. */
  of(sql: string): string | undefined {
    const known = this.names.get(sql);
    if (known !== undefined || this.names.size >= this.limit) return known;
    const name = `s_${createHash('sha256').update(sql).digest('base64url').slice(0, 32)}`;
    this.names.set(sql, name);
    return name;
  }

  get size(): number {
    return this.names.size;
  }
}

/** The one Prisma client of a process, closed when Nest shuts down. Its statements are prepared (see StatementNames). */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(DATABASE_URL) databaseUrl: string) {
    const names = new StatementNames();
    super({
      adapter: new PrismaPg(
        // Generic plans for prepared statements (see StatementNames): PostgreSQL's default, planning the first
        // five executions and then comparing estimates, kept replanning some catalog searches on every call.
        { connectionString: databaseUrl, options: '-c plan_cache_mode=force_generic_plan' },
        // The adapter passes the name to pg's query(); undefined is an unnamed statement (the declared type says string).
        { statementNameGenerator: (query) => names.of(query.sql) as string },
      ),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}

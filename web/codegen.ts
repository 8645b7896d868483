import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations and injectable `*GQL` services for apollo-angular 14 / @apollo/client 4.
 * typescript-operations 6 emits the input and enum types the operations use itself, so the
 * `typescript` plugin (all schema types) is not needed and would declare them twice.
 *
 * Two modules: `catalog.generated.ts` holds only what the first screen of the home page needs (the
 * MovieCard fragment and the MovieList query), so that its first load does not fetch every other
 * operation; `generated.ts` holds the rest (and the MovieCard fragment again, for the queries that
 * spread it).
 */
const CATALOG_DOCUMENTS = ['src/app/shared/movie-card/movie-card.graphql', 'src/app/shared/movie-card/movie-list.graphql'];

// CODEGEN_OUTPUT_DIR lets `codegen:check` write to a temp folder instead.
const output = (file: string) => `${process.env['CODEGEN_OUTPUT_DIR'] ?? 'src/app/graphql'}/${file}`;

const plugin = {
  plugins: ['typescript-operations', 'typescript-apollo-angular'],
  config: {
    addExplicitOverride: true,
    documentMode: 'documentNode',
    enumType: 'string-literal',
    useTypeImports: true,
    scalars: { DateTime: 'string' },
  },
};

const config: CodegenConfig = {
  schema: '../api/schema.gql',
  generates: {
    [output('generated.ts')]: { ...plugin, documents: ['src/**/*.graphql', '!src/app/shared/movie-card/movie-list.graphql'] },
    [output('catalog.generated.ts')]: { ...plugin, documents: CATALOG_DOCUMENTS },
  },
  noSilentErrors: true,
};

export default config;

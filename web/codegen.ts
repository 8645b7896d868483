import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations and injectable `*GQL` services for apollo-angular 14 / @apollo/client 4.
 * typescript-operations 6 emits the input and enum types the operations use itself, so the
 * `typescript` plugin (all schema types) is not needed and would declare them twice.
 */
const config: CodegenConfig = {
  schema: '../api/schema.gql',
  documents: 'src/**/*.graphql',
  // CODEGEN_OUTPUT lets `codegen:check` write to a temp file instead.
  generates: {
    [process.env['CODEGEN_OUTPUT'] ?? 'src/app/graphql/generated.ts']: {
      plugins: ['typescript-operations', 'typescript-apollo-angular'],
      config: {
        addExplicitOverride: true,
        documentMode: 'documentNode',
        enumType: 'string-literal',
        useTypeImports: true,
        scalars: { DateTime: 'string' },
      },
    },
  },
  noSilentErrors: true,
};

export default config;

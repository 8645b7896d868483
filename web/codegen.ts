import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed operations and injectable `*GQL` services for apollo-angular 14 / @apollo/client 4. */
const config: CodegenConfig = {
  schema: '../api/schema.gql',
  documents: 'src/**/*.graphql',
  // CODEGEN_OUTPUT lets `codegen:check` write to a temp file instead.
  generates: {
    [process.env['CODEGEN_OUTPUT'] ?? 'src/app/graphql/generated.ts']: {
      plugins: ['typescript', 'typescript-operations', 'typescript-apollo-angular'],
      config: {
        addExplicitOverride: true,
        documentMode: 'documentNode',
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string' },
      },
    },
  },
  noSilentErrors: true,
};

export default config;

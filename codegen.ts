import type { CodegenConfig } from '@graphql-codegen/cli';

// Types every operation the tests send, from the committed schema.graphql
// (codegen cannot read the Pothos schema in TypeScript directly).
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['test/**/*.test.ts', 'test/support/*.ts'],
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    'test/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { scalars: { DateTime: 'string', JSONObject: 'Record<string, unknown>' }, enumsAsTypes: true, useTypeImports: true },
    },
  },
};

export default config;

// Where a topology document's JSON Schema is published, relative to the site's root: the build writes
// it there (see topology/jsonSchema.ts) and exported files name it in "$schema".
export const TOPOLOGY_SCHEMA_PATH = 'schema/topology-1.json';

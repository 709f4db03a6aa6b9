// Where the site publishes the topology document's JSON Schema (topology/jsonSchema.ts writes it there):
// exported files name it in "$schema", so editors complete and check them.

/** The schema's place, relative to the site's root. */
export const TOPOLOGY_SCHEMA_PATH = 'schema/topology-1.json';

// The JSON Schema of a hoplab/topology@1 document, generated from the zod schema by zod's own converter,
// so the published file can never drift from what the engine accepts. Editors use it to complete and
// check files; the site publishes it at schema/topology-1.json and exported files name it in "$schema".
import { z } from 'zod';
import { topologySchema } from './schema.ts';

export { TOPOLOGY_SCHEMA_PATH } from '../view/schemaPath.ts';

export function topologyJsonSchema(): Record<string, unknown> {
  // 'input': the document as written, so fields with defaults are optional, as they are to the engine.
  const generated = z.toJSONSchema(topologySchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  const properties = generated.properties as Record<string, unknown>;
  return {
    ...generated,
    title: 'Hoplab topology document (hoplab/topology@1)',
    description: 'A network for Hoplab to draw and simulate. The engine also checks what a schema cannot: references between records, addresses inside their subnets, next hops on-link, uniqueness.',
    // A document may name its schema, as exported files do; the engine ignores the field.
    properties: { $schema: { type: 'string', description: 'The URL of this schema, for editors.' }, ...properties },
  };
}

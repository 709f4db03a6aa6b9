// The published JSON Schema is zod's own conversion of the engine's schema; every example file the site
// ships validates against it with a standard validator (ajv), and the engine loads each one.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { exampleFileText, examples } from '../scenarios/examples';
import { topologyJsonSchema } from './jsonSchema';
import { parseTopology } from './validate';

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  // zod names CIDR prefixes "cidrv4"; the schema also carries the pattern, which ajv checks.
  ajv.addFormat('cidrv4', /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/);
  return ajv.compile(topologyJsonSchema());
}

describe('topology JSON Schema', () => {
  const validate = validator();

  it.each(examples().map((e) => [e.file, e] as const))('%s validates against the generated schema and loads in the engine', (file, example) => {
    const text = readFileSync(`public/examples/${file}`, 'utf8');
    expect(text, 'regenerate with: npx tsx scripts/write-examples.ts').toBe(exampleFileText(example.doc, '../schema/topology-1.json'));
    const doc = JSON.parse(text) as unknown;
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    const parsed = parseTopology(doc);
    expect(parsed.ok, parsed.ok ? '' : parsed.error.map((e) => e.message).join('\n')).toBe(true);
  });

  it('rejects what the engine rejects on shape, naming the field', () => {
    const doc = JSON.parse(readFileSync('public/examples/poc.json', 'utf8')) as { nodes: { interfaces: { mac: string }[] }[] };
    doc.nodes[1]!.interfaces[0]!.mac = '00:15:5D:64:00:02';
    expect(validate(doc)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain('/nodes/1/interfaces/0/mac');
  });

  it('lets a document name its schema, and requires the format name', () => {
    const s = topologyJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(s.properties.$schema).toEqual({ type: 'string', description: 'The URL of this schema, for editors.' });
    expect(s.properties.schema).toEqual({ type: 'string', const: 'hoplab/topology@1' });
    expect(s.required).toEqual(['schema', 'name', 'networks', 'switch', 'nodes']);
  });
});

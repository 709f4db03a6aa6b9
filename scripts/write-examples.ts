// Writes public/examples/*.json from src-engine/scenarios/examples.ts (run after changing an example):
//   npx tsx scripts/write-examples.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { exampleFileText, examples } from '../src-engine/scenarios/examples';

mkdirSync('public/examples', { recursive: true });
for (const e of examples()) {
  writeFileSync(`public/examples/${e.file}`, exampleFileText(e.doc, '../schema/topology-1.json'));
  console.log(`wrote public/examples/${e.file}`);
}

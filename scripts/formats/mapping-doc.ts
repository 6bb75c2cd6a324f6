// Writes docs/mapping.md from the adapters' mapping definitions (src/dataset/formats/domain/field-mapping.ts).
//   node -r ./bench/register-ts.js scripts/formats/mapping-doc.ts           write it
//   node -r ./bench/register-ts.js scripts/formats/mapping-doc.ts --check   exit 1 when the committed file differs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mappingDocument } from '../../src/dataset/formats/domain/mapping-document';

const file = join(__dirname, '..', '..', 'docs', 'mapping.md');
const generated = mappingDocument();
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // absent: differs
  }
  if (committed !== generated) {
    console.error('docs/mapping.md differs from the adapters\' mapping: run npm run formats:mapping and commit it');
    process.exit(1);
  }
  console.log('docs/mapping.md matches the adapters\' mapping');
} else {
  writeFileSync(file, generated);
  console.log(`wrote ${file}`);
}

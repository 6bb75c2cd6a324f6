import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mappingDocument, placelessTable } from './mapping-document';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('the mapping documentation is generated from the adapters and committed as generated', () => {
  it('docs/mapping.md is what npm run formats:mapping writes', () => {
    expect(readFileSync(join(ROOT, 'docs', 'mapping.md'), 'utf8')).toBe(mappingDocument());
  });

  it("the README's table of what each format cannot carry is the adapters' own", () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(placelessTable());
  });
});

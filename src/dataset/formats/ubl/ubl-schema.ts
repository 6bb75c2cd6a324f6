import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import type { FormatProblem } from '../domain/format-result';

// The OASIS UBL 2.4 schemas, unchanged (xsd/README.md), shipped with the hub and read once.
const XSD_ROOT = join(__dirname, 'xsd');
const MAIN = 'maindoc/UBL-CertificateOfOrigin-2.4.xsd';

interface SchemaFiles {
  main: { fileName: string; contents: string };
  preload: Array<{ fileName: string; contents: string }>;
}

let files: SchemaFiles | undefined;

function schemaFiles(): SchemaFiles {
  if (!files) {
    const common = readdirSync(join(XSD_ROOT, 'common')).filter((name) => name.endsWith('.xsd'));
    files = {
      main: { fileName: MAIN, contents: readFileSync(join(XSD_ROOT, MAIN), 'utf8') },
      preload: common.map((name) => ({ fileName: `common/${name}`, contents: readFileSync(join(XSD_ROOT, 'common', name), 'utf8') })),
    };
  }
  return files;
}

/**
 * Every way an XML document breaks the UBL 2.4 CertificateOfOrigin schema, with its line; empty when
 * it validates. libxml2 compiled to WebAssembly (xmllint-wasm), in a worker thread: no native build,
 * no network (the schemas are preloaded), the document never read with DTDs or entities.
 */
export async function ublSchemaProblems(xml: string): Promise<FormatProblem[]> {
  const { main, preload } = schemaFiles();
  const result = await validateXML({ xml: [{ fileName: 'document.xml', contents: xml }], schema: [main], preload, initialMemoryPages: 512, maxMemoryPages: 4096 });
  if (result.valid) return [];
  return result.errors.map((error) => ({ path: error.loc ? `line ${error.loc.lineNumber}` : '/', message: error.message.trim() }));
}

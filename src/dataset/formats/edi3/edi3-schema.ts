import Ajv from 'ajv';
import type { FormatProblem } from '../domain/format-result';
import schema from './edi3-certificate-of-origin.schema.json';

/** The hub's JSON schema of the edi3 Certificate of Origin, as shipped (edi3-certificate-of-origin.schema.json). */
export const EDI3_SCHEMA = schema;

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** Every way a JSON value breaks the hub's edi3 schema, each with its JSON path; empty when it conforms. */
export function edi3SchemaProblems(value: unknown): FormatProblem[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => {
    const pointer = error.instancePath
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    let path = pointer.reduce((at, part) => (/^\d+$/.test(part) ? `${at}[${part}]` : at ? `${at}.${part}` : part), '');
    if (error.keyword === 'additionalProperties') path = path ? `${path}.${String(error.params.additionalProperty)}` : String(error.params.additionalProperty);
    if (error.keyword === 'required') path = path ? `${path}.${String(error.params.missingProperty)}` : String(error.params.missingProperty);
    const message = error.keyword === 'additionalProperties' ? 'is not a property of the edi3 Certificate of Origin' : error.keyword === 'required' ? 'is required' : (error.message ?? 'is invalid');
    return { path: path || '$', message };
  });
}

import { getMetadataStorage } from 'class-validator';
import type { MetadataStorage } from 'class-validator/types/metadata/MetadataStorage';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Grouped = Record<string, ValidationMetadata[]>;

const MEMOIZED = Symbol.for('ecoo.validation-metadata-memo');

/**
 * Makes class-validator look a class's rules up once, not for every object it validates.
 *
 * For each object, class-validator filters the rules registered for its class, walks every class
 * that has rules to find its parents', and groups the result by property: the same answer every
 * time, since rules are registered by the decorators when their classes load. A certificate has
 * some thirty nested objects, and these lookups were a quarter of what checking its shape cost:
 * 5.3% of the API's CPU under cold verification by reference, which checks the stored document's
 * shape again, and 2.9% under create + issue (CPU profiles of the hub, `npm start`, issue 14).
 *
 * Both lookups answer from a memo per class and options, and the grouping per list. Registering a
 * rule, a constraint or a schema (a class loaded late) drops the memo. The lists handed out are
 * class-validator's own results, which it only reads. Installed once per storage; the storage is
 * process-wide, shared by the hub's shape checks and Nest's ValidationPipe.
 */
export function memoizeValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const marked = storage as MetadataStorage & { [MEMOIZED]?: true };
  if (marked[MEMOIZED]) return;
  marked[MEMOIZED] = true;
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  let byTarget = new Map<object, Map<string, ValidationMetadata[]>>();
  // The lookups of the walk of an object's rules (no `always`, no strict groups, no groups), by schema alone.
  let plainByTarget = new Map<object, Map<string | undefined, ValidationMetadata[]>>();
  let byList = new WeakMap<ValidationMetadata[], Grouped>();
  const forget = () => {
    byTarget = new Map();
    plainByTarget = new Map();
    byList = new WeakMap();
  };
  const addSchema = storage.addValidationSchema.bind(storage);
  const addRule = storage.addValidationMetadata.bind(storage);
  const addConstraint = storage.addConstraintMetadata.bind(storage);
  storage.addValidationSchema = (schema) => (forget(), addSchema(schema));
  storage.addValidationMetadata = (metadata) => (forget(), addRule(metadata));
  storage.addConstraintMetadata = (metadata) => (forget(), addConstraint(metadata));

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (!always && !strictGroups && groups === undefined) {
      let forTarget = plainByTarget.get(target);
      if (!forTarget) plainByTarget.set(target, (forTarget = new Map()));
      let found = forTarget.get(schema);
      if (!found) forTarget.set(schema, (found = lookUp(target, schema, always, strictGroups, groups)));
      return found;
    }
    const key = `${String(schema)}\u0000${always}\u0000${strictGroups}\u0000${groups ? groups.join('\u0001') : '\u0002'}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map()));
    let found = forTarget.get(key);
    if (!found) forTarget.set(key, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let grouped = byList.get(metadata);
    if (!grouped) byList.set(metadata, (grouped = group(metadata)));
    return grouped;
  };
}

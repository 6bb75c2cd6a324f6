import { TransformationType } from 'class-transformer';
import type { MetadataStorage as TransformerStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { MetadataStorage } from 'class-validator/types/metadata/MetadataStorage';
import type { ValidationArguments } from 'class-validator/types/validation/ValidationArguments';
import type { ValidatorConstraintInterface } from 'class-validator/types/validation/ValidatorConstraintInterface';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * A rule and the validators of its constraint that validateSync runs (the asynchronous ones left
 * out), resolved when its class's rules are sorted: class-validator asks its container for each
 * constraint's instance at every value, a search through every constraint class it has made. The
 * hub sets no container of its own (class-validator's useContainer), so the instance is the one
 * class-validator made once and hands out every time.
 */
interface Rule {
  metadata: ValidationMetadata;
  validators: ValidatorConstraintInterface[];
}

/** A property's rules as class-validator's executor sorts them, once per list it hands out. */
interface PropertyRules {
  defined: Rule[];
  conditional: ValidationMetadata[];
  custom: Rule[];
  nested: ValidationMetadata[];
  /** A rule this check does not follow (a promise's, or a type it does not know): class-validator decides. */
  unfollowed: boolean;
}

const FOLLOWED = new Set<string>([
  ValidationTypes.IS_DEFINED,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.WHITELIST,
]);

// class-transformer keeps its @Type metadata here; its package offers no other way to read it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const transformerStorage = (require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerStorage }).defaultMetadataStorage;

/** A class (its constructor), as class-validator and class-transformer key their metadata. */
type ClassOfRules = abstract new (...args: never[]) => unknown;

/** A class's rules as the executor walks them: the names it allows, and each property's rules sorted. */
interface ClassRules {
  named: Set<string>;
  properties: { name: string; rules: PropertyRules }[];
  unfollowed: boolean;
}

// Keyed by the list the (memoized) storage hands out for a class: a rule registered later makes a new list.
const compiled = new WeakMap<ValidationMetadata[], ClassRules>();

function classRules(metadatas: ValidationMetadata[], storage: MetadataStorage): ClassRules {
  let rules = compiled.get(metadatas);
  if (!rules) {
    const grouped = storage.groupByPropertyName(metadatas);
    const properties = Object.keys(grouped).map((name) => ({ name, rules: rulesOf(grouped[name], storage) }));
    rules = {
      named: new Set(Object.keys(grouped).filter((name) => grouped[name].length > 0)),
      properties,
      unfollowed: properties.some((property) => property.rules.unfollowed),
    };
    compiled.set(metadatas, rules);
  }
  return rules;
}

function rulesOf(list: ValidationMetadata[], storage: MetadataStorage): PropertyRules {
  // Registering a constraint drops the memo of rules (validation-metadata-memo.ts), so these are sorted afresh.
  const withValidators = (metadata: ValidationMetadata): Rule => ({
    metadata,
    validators: storage
      .getTargetValidatorConstraints(metadata.constraintCls)
      .filter((constraint) => !constraint.async)
      .map((constraint) => constraint.instance as ValidatorConstraintInterface),
  });
  return {
    defined: list.filter((m) => m.type === ValidationTypes.IS_DEFINED).map(withValidators),
    conditional: list.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION),
    custom: list.filter((m) => m.type === ValidationTypes.CUSTOM_VALIDATION).map(withValidators),
    nested: list.filter((m) => m.type === ValidationTypes.NESTED_VALIDATION),
    unfollowed: list.some((m) => !FOLLOWED.has(m.type)),
  };
}

const FAILS = false;

/**
 * A constraint's answer as validateSync takes it: a falsy one fails. A promise is left out by
 * validateSync (it never waits); here it sends the decision to class-validator.
 */
function passed(answer: unknown): boolean {
  return Boolean(answer) && typeof (answer as { then?: unknown }).then !== 'function';
}

/**
 * Whether class-validator's `validateSync(instance, { whitelist: true, forbidNonWhitelisted: true,
 * forbidUnknownValues: true })` would find nothing, answered without building its errors: the same
 * rules (the storage's own lists, in its order), the same constraint functions with the same
 * arguments, the same walk of nested objects and arrays. True only when every rule of every property
 * held; false when one did not, or where this walk stops short of class-validator's (a promise, a
 * Set or Map, a rule type it does not follow): then class-validator runs, and its answer, with every
 * violation, is the one given.
 *
 * Why: for a valid certificate, most of class-validator's time went to the errors it builds for every
 * property before it knows whether there is one (an object, filtered lists of its rules and closures
 * per property: 82 properties in 15 objects for the fixture's RCEP certificate). The shape check was
 * 12% of the API process's on-CPU samples under create + issue (issue 14, `perf` profiles of
 * `npm start`), and about as much under cold verification, which checks the stored document again.
 */
export function shapeHolds(instance: object, storage: MetadataStorage = getMetadataStorage()): boolean {
  return objectHolds(instance, instance.constructor as ClassOfRules, undefined, storage, false);
}

/**
 * shapeHolds for a plain JSON body and the class it is to be an instance of, without making the
 * instance: what `plainToInstance(cls, body, { enableImplicitConversion: false })` would give is
 * walked in the body itself, each nested object taken as the class class-transformer would make of
 * it (its property's @Type). True only where shapeHolds would say true of that instance; false where
 * a rule does not hold, and wherever class-transformer would make of the body something else than a
 * copy in those classes (a @Transform, @Expose or @Exclude, a discriminator, a @Type that is no
 * class of rules, a member named like a method of the class): the caller then takes the instance's
 * path. A cold verification checks the shape of the stored document again, and making the instance
 * was about a quarter of that check (issue 14).
 */
export function plainShapeHolds(cls: ClassOfRules, body: unknown, storage: MetadataStorage = getMetadataStorage()): boolean {
  return isPlainJsonObject(body) && objectHolds(body, cls, undefined, storage, true);
}

function isPlainJsonObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

// What class-transformer does with a class, per class and member name: copies the member as it is
// (with the class its @Type names, if any), or something this walk does not follow (null).
const copies = new WeakMap<ClassOfRules, Map<string, { nested?: ClassOfRules } | null>>();

function copyOf(cls: ClassOfRules, name: string): { nested?: ClassOfRules } | null {
  let members = copies.get(cls);
  if (!members) {
    members = new Map();
    copies.set(cls, members);
  }
  let copy = members.get(name);
  if (copy === undefined) {
    copy = memberCopy(cls, name);
    members.set(name, copy);
  }
  return copy;
}

function memberCopy(cls: ClassOfRules, name: string): { nested?: ClassOfRules } | null {
  if (transformerStorage.getStrategy(cls) !== 'none') return null;
  if (transformerStorage.findTransformMetadatas(cls, name, TransformationType.PLAIN_TO_CLASS).length > 0) return null;
  if (transformerStorage.findExposeMetadata(cls, name) || transformerStorage.findExcludeMetadata(cls, name)) return null;
  // plainToInstance leaves out a member the class's prototype defines (a method, a getter).
  if (name in cls.prototype) return null;
  const type = transformerStorage.findTypeMetadata(cls, name);
  if (!type) return {};
  if (type.options?.discriminator || !type.typeFunction) return null;
  const nested: unknown = type.typeFunction();
  // A class of rules: a built-in (String, Date, Map, Object...) is converted or copied otherwise.
  if (typeof nested !== 'function' || BUILT_INS.has(nested)) return null;
  return { nested: nested as ClassOfRules };
}

const BUILT_INS = new Set<unknown>([Object, Array, String, Number, Boolean, Date, Map, Set, Promise, Buffer, BigInt, Symbol, RegExp]);

function objectHolds(object: object, cls: ClassOfRules, schema: string | undefined, storage: MetadataStorage, plain: boolean): boolean {
  const metadatas = storage.getTargetValidationMetadatas(cls, schema as string, false, false, undefined as unknown as string[]);
  // forbidUnknownValues: an object whose class has no rule is refused.
  if (metadatas.length === 0) return FAILS;
  const rules = classRules(metadatas, storage);
  if (rules.unfollowed) return FAILS;
  // whitelist + forbidNonWhitelisted: a property no rule names is refused.
  for (const key of Object.keys(object)) {
    if (!rules.named.has(key)) return FAILS;
    if (plain && copyOf(cls, key) === null) return FAILS;
  }
  const targetName = plain ? cls.name : nameOf(object);
  for (const { name, rules: property } of rules.properties) {
    const value = (object as Record<string, unknown>)[name];
    if (value instanceof Promise) return FAILS;
    // The class a plain member's objects are walked as: the one plainToInstance would make of them.
    const nestedAs = plain && value !== null && typeof value === 'object' ? copyOf(cls, name)?.nested : undefined;
    if (!propertyHolds(object, targetName, value, property.defined, property.conditional, property.custom, property.nested, storage, nestedAs)) return FAILS;
  }
  return true;
}

function propertyHolds(
  object: object,
  targetName: string,
  value: unknown,
  defined: Rule[],
  conditional: ValidationMetadata[],
  custom: Rule[],
  nested: ValidationMetadata[],
  storage: MetadataStorage,
  // For a plain body: the class its objects are walked as (undefined: the walk is of an instance).
  nestedAs?: ClassOfRules,
): boolean {
  // Every condition is asked (class-validator maps them all, then joins them).
  let canValidate = true;
  for (const metadata of conditional) {
    if (!(metadata.constraints[0] as (o: object, v: unknown) => boolean)(object, value)) canValidate = false;
  }
  if (!canValidate) return true;
  if (!customHold(object, targetName, value, defined)) return FAILS;
  if (!customHold(object, targetName, value, custom)) return FAILS;
  return nestedHold(value, nested, storage, nestedAs);
}

/** ValidationArguments.targetName, as the executor writes it. */
function nameOf(object: object): string {
  return object.constructor ? object.constructor.name : (undefined as unknown as string);
}

function customHold(object: object, targetName: string, value: unknown, rules: Rule[]): boolean {
  for (const { metadata, validators } of rules) {
    if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
    for (const validator of validators) {
      const args: ValidationArguments = {
        targetName,
        property: metadata.propertyName,
        object,
        value,
        constraints: metadata.constraints,
      };
      if (!metadata.each || !(Array.isArray(value) || value instanceof Set || value instanceof Map)) {
        if (!passed(validator.validate(value, args))) return FAILS;
        continue;
      }
      if (!Array.isArray(value)) return FAILS;
      for (const element of value) if (!passed(validator.validate(element, args))) return FAILS;
    }
  }
  return true;
}

function nestedHold(value: unknown, nested: ValidationMetadata[], storage: MetadataStorage, nestedAs?: ClassOfRules): boolean {
  if (value === undefined) return true;
  for (const metadata of nested) {
    if (value instanceof Set || value instanceof Map) return FAILS;
    if (Array.isArray(value)) {
      const arrayName = nameOf(value);
      for (let index = 0; index < value.length; index++) {
        // forEach skips holes, as class-validator's walk does.
        if (!(index in value)) continue;
        if (!propertyHolds(value, arrayName, value[index], [], [], [], nested, storage, nestedAs)) return FAILS;
      }
    } else if (value instanceof Object) {
      const schema = typeof metadata.target === 'string' ? metadata.target : (metadata.target as { name: string }).name;
      if (nestedAs === undefined ? !objectHolds(value, value.constructor as ClassOfRules, schema, storage, false) : !isPlainJsonObject(value) || !objectHolds(value, nestedAs, schema, storage, true)) return FAILS;
    } else {
      return FAILS;
    }
  }
  return true;
}

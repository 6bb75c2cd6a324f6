import { MasterKeyRing } from './master-key-ring';

// Every table that keeps a secret sealed under the master key says so on its entity with
// @SealedUnderMasterKey, once per sealed value a row holds: which property holds the sealed value,
// which the id of the key it is sealed under, and how the owning module opens and seals it again. `npm run keys:rotate-master` re-seals
// what every registered entity holds (core/secrets/master-key-rotation.ts); a new kind of secret
// joins the rotation by that one registration.

export interface SealedSecretColumns<Row extends object> {
  /** What the report calls the secret: "private keys", "outbound tokens". */
  readonly label: string;
  /** The property holding the sealed value; a row where it is null keeps no secret. */
  readonly sealedProperty: keyof Row & string;
  /** The property holding the id of the master key the value is sealed under (null: sealed before keys were named). */
  readonly keyIdProperty: keyof Row & string;
  /**
   * Opens the row's secret with the key it names (MasterKeyRing.open) and seals it under
   * `ring.sealing()`: the properties to write, the new key id among them. Throws
   * MasterKeyUnavailableError when no key held opens it.
   */
  reseal(row: Row, ring: MasterKeyRing): Partial<Row>;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- an entity class of any shape
type EntityClass = Function;

const registered = new Map<EntityClass, SealedSecretColumns<object>[]>();

/** On an entity whose rows keep a secret sealed under the master key; once per sealed value a row keeps (a secret and the one it replaced). */
export function SealedUnderMasterKey<Row extends object>(columns: SealedSecretColumns<Row>): (target: abstract new (...args: never[]) => Row) => void {
  return (target) => {
    const list = registered.get(target) ?? [];
    if (!list.some((c) => c.sealedProperty === columns.sealedProperty)) list.push(columns as unknown as SealedSecretColumns<object>);
    registered.set(target, list);
  };
}

/** The sealed values of the registered entities among `targets` (the entities a data source knows). */
export function sealedSecretsAmong(targets: readonly unknown[]): { target: EntityClass; columns: SealedSecretColumns<object> }[] {
  return targets.flatMap((target) => (registered.get(target as EntityClass) ?? []).map((columns) => ({ target: target as EntityClass, columns })));
}

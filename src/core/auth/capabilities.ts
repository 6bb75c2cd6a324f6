import { Capability } from './auth.decorators';
import { AuthorityRole } from './authority-role';
import { Principal, PrincipalKind } from './principal';

/** What a caller may do, matched against a route's @Allow: the operator, a trader, or an authority's roles. */
export function capabilitiesOf(principal: Principal): Capability[] {
  switch (principal.kind) {
    case PrincipalKind.OPERATOR:
      return [Capability.OPERATOR];
    case PrincipalKind.TRADER:
      return [Capability.TRADER];
    case PrincipalKind.AUTHORITY:
      return principal.roles.map((role) => (role === AuthorityRole.ISSUER ? Capability.ISSUER : Capability.CUSTOMS));
  }
}

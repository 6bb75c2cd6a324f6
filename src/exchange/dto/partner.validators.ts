import { ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { readNodeCertificate } from '../partners/node-certificate';

/** One PEM X.509 certificate with an RSA key (see readNodeCertificate). */
export function IsNodeCertificate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNodeCertificate',
      validator: {
        validate: (value: unknown) => readNodeCertificate(value).ok,
        defaultMessage: (args) => {
          const read = readNodeCertificate(args?.value);
          return `${args?.property} ${read.ok ? 'is invalid' : read.reason}`;
        },
      },
    },
    options,
  );
}

export function endpointProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return 'must be an http or https URL of at most 2000 characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https';
  if (url.username || url.password) return 'must not carry credentials (use outboundAuth)';
  if (url.search || url.hash) return 'must not have a query or a fragment';
  return undefined;
}

/** The partner's base URL: envelopes go to <url>/v1/exchange/envelopes. */
export function IsEndpointUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEndpointUrl',
      validator: {
        validate: (value: unknown) => endpointProblem(value) === undefined,
        defaultMessage: (args) => `${args?.property} ${endpointProblem(args?.value) ?? 'is invalid'}`,
      },
    },
    options,
  );
}

/** An authority code starts with its country (KH-MOC is Cambodian): the route's authority must be of the route's country. */
export function IsAuthorityOfRouteCountry(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAuthorityOfRouteCountry',
      validator: {
        validate: (value: unknown, args) => {
          const country = (args?.object as { country?: unknown }).country;
          return typeof value === 'string' && typeof country === 'string' && value.startsWith(`${country}-`);
        },
        defaultMessage: (args) => `${args?.property} must be an authority of the route's country (start with "${String((args?.object as { country?: unknown }).country)}-")`,
      },
    },
    options,
  );
}

/** Not below another numeric field of the same object. */
export function IsNotBelow(field: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBelow',
      constraints: [field],
      validator: {
        validate: (value: unknown, args) => {
          const other = (args?.object as Record<string, unknown>)[field];
          return typeof value !== 'number' || typeof other !== 'number' || value >= other;
        },
        defaultMessage: (args) => `${args?.property} must not be below ${field}`,
      },
    },
    options,
  );
}

/** Optional, but when present it is validated: null is refused, not taken as "not given". */
export function OptionalField(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}

/** A token goes with BEARER only. */
export function IsTokenOfBearerOnly(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTokenOfBearerOnly',
      validator: {
        validate: (value: unknown, args) => (args?.object as { type?: unknown }).type === 'BEARER' || value === undefined,
        defaultMessage: () => 'token goes with type BEARER only',
      },
    },
    options,
  );
}

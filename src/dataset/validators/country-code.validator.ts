import { ValidateBy, ValidationOptions } from 'class-validator';
import { isCountryCode } from '../code-lists';

/** ISO 3166-1 alpha-2, upper case, from the hub's code list. */
export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCountryCode',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCountryCode(value),
        defaultMessage: (args) => `${args?.property} must be an ISO 3166-1 alpha-2 country code`,
      },
    },
    options,
  );
}

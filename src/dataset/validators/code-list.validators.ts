import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import {
  isCountryCode,
  isCurrencyCode,
  isPackageTypeCode,
  isTransportModeCode,
  isUnitCode,
  isUnLocode,
} from '../code-lists';

// Code-list membership for the dataset's coded fields; each checks the type too (one violation per field).

function codeListValidator(name: string, test: (value: string) => boolean, what: string) {
  return (validationOptions?: ValidationOptions): PropertyDecorator =>
    ValidateBy(
      {
        name,
        validator: {
          validate: (value: unknown) => typeof value === 'string' && test(value),
          defaultMessage: buildMessage((each) => `${each}$property must be ${what}`, validationOptions),
        },
      },
      validationOptions,
    );
}

export const IsCountryCode = codeListValidator('isCountryCode', isCountryCode, 'an ISO 3166-1 alpha-2 country code');
export const IsCurrencyCode = codeListValidator('isCurrencyCode', isCurrencyCode, 'an ISO 4217 currency code');
export const IsTransportModeCode = codeListValidator(
  'isTransportModeCode',
  isTransportModeCode,
  'a UNECE Recommendation 19 transport mode code',
);
export const IsUnitCode = codeListValidator('isUnitCode', isUnitCode, 'a UNECE Recommendation 20 unit code');
export const IsPackageTypeCode = codeListValidator(
  'isPackageTypeCode',
  isPackageTypeCode,
  'a UNECE Recommendation 21 package type code',
);
export const IsUnLocode = codeListValidator('isUnLocode', isUnLocode, 'a UN/LOCODE (country code and three letters or digits)');

import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate, isIsoDateTime } from '../dates';
import { DECIMAL_STRING, HS_CODE } from './patterns';

// Each validator checks the type too, so a wrong type yields one violation, not two.

export interface DecimalStringOptions {
  /** Most digits after the decimal point. */
  maxFractionDigits?: number;
  /** Most digits before the decimal point. */
  maxIntegerDigits?: number;
}

export function isDecimalString(value: unknown, options: DecimalStringOptions = {}): value is string {
  if (typeof value !== 'string' || !DECIMAL_STRING.test(value)) return false;
  const [integer, fraction = ''] = value.split('.');
  return integer.length <= (options.maxIntegerDigits ?? 15) && fraction.length <= (options.maxFractionDigits ?? 6);
}

/** A non-negative decimal as a string (`"12500.00"`); numbers are refused, never converted. */
export function IsDecimalString(options: DecimalStringOptions = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  const fraction = options.maxFractionDigits ?? 6;
  const integer = options.maxIntegerDigits ?? 15;
  return ValidateBy(
    {
      name: 'isDecimalString',
      constraints: [integer, fraction],
      validator: {
        validate: (value: unknown) => isDecimalString(value, options),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be a decimal written as a string, such as "12500.00" ` +
            `(at most ${integer} integer and ${fraction} fraction digits; numbers are not accepted)`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

export function IsIsoDate(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a calendar date YYYY-MM-DD`, validationOptions),
      },
    },
    validationOptions,
  );
}

export function IsIsoDateTime(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDateTime',
      validator: {
        validate: (value: unknown) => isIsoDateTime(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an ISO 8601 date-time with an offset, such as 2026-05-12T08:30:00Z`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

export function isHsCodeShape(value: unknown): value is string {
  return typeof value === 'string' && HS_CODE.test(value);
}

/** HS subheading shape: `NNNNNN` or `NNNN.NN`. Existence is a business rule (CO-HS-001). */
export function IsHsCode(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHsCode',
      validator: {
        validate: (value: unknown) => isHsCodeShape(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a six-digit HS subheading, NNNNNN or NNNN.NN`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

import { ValidationPipe } from '@nestjs/common';
import { RequestError } from '../errors/request-error';
import { flattenValidationErrors } from '../validation/flatten-validation-errors';
import { memoizeValidationMetadata } from '../validation/validation-metadata-memo';

/** Unknown fields refused, nothing converted implicitly, every violation reported at once. */
export function createValidationPipe(): ValidationPipe {
  memoizeValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => RequestError.validation(flattenValidationErrors(errors, { ruleIdPrefix: 'SHAPE' })),
  });
}

import { Module } from '@nestjs/common';
import { VerificationTokens } from './verification-tokens';

// No imports of its own, so the certificates (and, later, the receiving side of the exchange) can
// import it without a cycle through the verification module.
@Module({ providers: [VerificationTokens], exports: [VerificationTokens] })
export class VerificationTokenModule {}

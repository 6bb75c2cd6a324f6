import { Injectable } from '@nestjs/common';
import { RequestError } from '../../core/errors/request-error';
import { CmsVerification } from '../crypto/cms-verification';
import { pemBlocks } from '../crypto/x509';
import { SignatureVerificationView } from '../dto/pki.views';
import { VerifySignatureDto } from '../dto/trust.dto';
import { asInputProblem } from '../pki.error';
import { KeyOwnerResolver } from './key-owner.resolver';
import { SignatureVerificationService } from './signature-verification.service';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** POST /v1/pki/signatures/verify: decodes the request and reports the verification. */
@Injectable()
export class SignatureCheckService {
  constructor(
    private readonly owners: KeyOwnerResolver,
    private readonly verification: SignatureVerificationService,
  ) {}

  async check(dto: VerifySignatureDto): Promise<SignatureVerificationView> {
    const owner = await this.owners.resolve(dto);
    const issueTime = new Date(dto.issueTime);
    const result = await this.verification.verify({ owner, content: Buffer.from(dto.documentBase64, 'base64'), cmsDer: this.cms(dto.signature), issueTime });
    return toVerificationView(result, issueTime);
  }

  private cms(signature: string): Buffer {
    const text = signature.trim();
    if (text.startsWith('-----BEGIN ')) {
      const block = asInputProblem(() => pemBlocks(text)).find((candidate) => candidate.label === 'CMS' || candidate.label === 'PKCS7');
      if (block) return block.der;
    } else {
      const compact = text.replace(/\s+/g, '');
      if (compact.length > 0 && compact.length % 4 === 0 && BASE64.test(compact)) return Buffer.from(compact, 'base64');
    }
    throw RequestError.validation([{ ruleId: 'PKI-CMS-001', severity: 'error', path: 'signature', message: 'signature must be base64 DER or a CMS/PKCS7 PEM block' }]);
  }
}

export function toVerificationView(result: CmsVerification, issueTime: Date): SignatureVerificationView {
  return {
    valid: result.valid,
    reasons: result.reasons,
    checks: result.checks,
    signer: result.signer && {
      ...result.signer,
      notBefore: result.signer.notBefore.toISOString(),
      notAfter: result.signer.notAfter.toISOString(),
    },
    signingTime: result.signingTime?.toISOString(),
    issueTime: issueTime.toISOString(),
    trustAnchorFingerprintSha256: result.trustAnchorFingerprintSha256,
    revocation: { status: result.revocation.status, revocationDate: result.revocation.revocationDate?.toISOString() },
  };
}

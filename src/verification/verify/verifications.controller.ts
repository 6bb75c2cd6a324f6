import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { OptionalAuth, OptionalPrincipal } from '../../core/auth/auth.decorators';
import type { Principal } from '../../core/auth/principal';
import { RequestError } from '../../core/errors/request-error';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { PublicClientKey, PublicRateLimitGuard } from '../public/public-rate-limit.guard';
import { subjectFromJson, VerificationSubject } from './domain/verification-input';
import { VerifyCertificateRequestDto, VerificationView } from '../dto/verification.view';
import { readMultipartSubject } from './upload/multipart-subject';
import { VerifyCertificateUseCase } from './verify-certificate.use-case';

@ApiTags('verification')
@Controller('v1/verifications')
export class VerificationsController {
  constructor(private readonly verify: VerifyCertificateUseCase) {}

  @Post()
  @HttpCode(200)
  @OptionalAuth()
  @UseGuards(PublicRateLimitGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Verify a certificate by reference, or a document with its detached CMS signature (JSON or multipart: parts document and signature)',
    description:
      'Open to anyone. Importing customs, the issuer and the operator get every check with its reason code; anyone else gets the verdict and a public summary. Unauthenticated calls are rate-limited per client (429 with Retry-After).',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: VerifyCertificateRequestDto })
  @ApiOkResponse({ type: VerificationView })
  @ApiProblems(400, 401, 413, 415, 422, 429)
  async create(
    @OptionalPrincipal() principal: Principal | undefined,
    @PublicClientKey() publicClientKey: string,
    @Req() request: FastifyRequest,
    @Body() body: unknown,
  ): Promise<VerificationView> {
    const subject = request.isMultipart() ? await readMultipartSubject(request) : fromJson(body);
    return (await this.verify.execute(subject, { principal, publicClientKey })) as VerificationView;
  }
}

function fromJson(body: unknown): VerificationSubject {
  const read = subjectFromJson(body);
  if ('violations' in read) throw RequestError.validation(read.violations);
  return read.subject;
}

import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OptionalAuth, OptionalPrincipal } from '../../core/auth/auth.decorators';
import type { Principal } from '../../core/auth/principal';
import { RequestError } from '../../core/errors/request-error';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { BATCH_MAX_ITEMS, BatchBodyLimit } from '../../core/http/batch-body';
import { PublicClients } from '../public/public-clients';
import { PublicClientKey, PublicRateLimitGuard, rateHeaders, tooManyVerifications } from '../public/public-rate-limit.guard';
import { subjectFromJson, VerificationSubject } from './domain/verification-input';
import { VerifyCertificateRequestDto, VerificationView } from '../dto/verification.view';
import { VerificationBatchRequestDto, VerificationBatchView } from '../dto/verification-batch.view';
import { readMultipartSubject } from './upload/multipart-subject';
import { VerifyBatchUseCase } from './verify-batch.use-case';
import { VerifyCertificateUseCase } from './verify-certificate.use-case';

@ApiTags('verification')
@Controller('v1/verifications')
export class VerificationsController {
  constructor(
    private readonly verify: VerifyCertificateUseCase,
    private readonly batch: VerifyBatchUseCase,
    private readonly clients: PublicClients,
  ) {}

  @Post()
  @HttpCode(200)
  @OptionalAuth()
  @UseGuards(PublicRateLimitGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Verify a certificate by reference, a document with its detached CMS signature (JSON or multipart: parts document and signature), or a verifiable credential (JSON credential, or multipart part credential: the compact JWS)',
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

  @Post('batch')
  @HttpCode(200)
  @OptionalAuth()
  @BatchBodyLimit()
  @ApiBearerAuth()
  @ApiOperation({
    summary: `Verify up to ${BATCH_MAX_ITEMS} certificates by reference in one call (customs checking a manifest)`,
    description:
      'One verdict per reference, each as POST /v1/verifications gives it for a reference, in the scope of the caller, and each logged. ' +
      'Without an API key every reference counts as one verification against the public rate limit: references beyond what remains get a 429 problem each, ' +
      'and a batch with none left is 429 with Retry-After. The body limit is HUB_BATCH_BODY_LIMIT (default 4 MiB).',
  })
  @ApiBody({ type: VerificationBatchRequestDto })
  @ApiOkResponse({ type: VerificationBatchView, description: 'One result per reference, in order; a reference that could not be verified carries its problem' })
  @ApiProblems(400, 401, 413, 415, 422, 429)
  async verifyBatch(
    @OptionalPrincipal() principal: Principal | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<VerificationBatchView> {
    const answer = await this.batch.execute(body, { principal, publicClientKey: this.clients.keyOf(request.ip), address: request.ip }, { id: request.id, url: request.url });
    if ('refused' in answer) {
      rateHeaders(reply, answer.refused);
      throw tooManyVerifications(answer.refused);
    }
    if (answer.rate) rateHeaders(reply, answer.rate);
    return answer.view;
  }
}

function fromJson(body: unknown): VerificationSubject {
  const read = subjectFromJson(body);
  if ('violations' in read) throw RequestError.validation(read.violations);
  return read.subject;
}

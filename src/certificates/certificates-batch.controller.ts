import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, Capability, CurrentAuthority } from '../core/auth/auth.decorators';
import { AuthorityPrincipal } from '../core/auth/principal';
import { PROBLEM_CONTENT_TYPE } from '../core/errors/problem';
import { ApiProblems } from '../core/http/api-problems.decorator';
import { BATCH_MAX_ITEMS, BatchBodyLimit } from '../core/http/batch-body';
import { IdempotencyScope, IdempotencyScopeOf, IdempotentInTransaction } from '../core/http/idempotency-records';
import { CertificateBatchRequestDto, CertificateBatchView } from './dto/certificate-batch.view';
import { IssueBatchUseCase } from './use-cases/issue-batch.use-case';

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('v1/certificates')
export class CertificatesBatchController {
  constructor(private readonly batch: IssueBatchUseCase) {}

  @Post('batch')
  @HttpCode(200)
  @Allow(Capability.ISSUER)
  @IdempotentInTransaction()
  @BatchBodyLimit()
  @ApiOperation({
    summary: `Create and issue up to ${BATCH_MAX_ITEMS} certificates in one call, for issuing authorities' back-office systems`,
    description:
      'Each item is created and issued as POST /v1/certificates then POST /v1/certificates/{id}/issue would, in a savepoint of its own: ' +
      'a refused item carries the problem those endpoints give (same code, violations with paths within the item) and undoes nothing of the others. ' +
      'An item whose number the caller already issued with the very same content comes back as ALREADY_ISSUED instead of a 409. ' +
      'The Idempotency-Key answer is stored in the batch transaction. The body limit is HUB_BATCH_BODY_LIMIT (default 4 MiB).',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat the whole batch safely: same key and body returns the first answer' })
  @ApiBody({ type: CertificateBatchRequestDto })
  @ApiOkResponse({ type: CertificateBatchView, description: 'One result per item, in order; refused items carry their problem' })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  async issueBatch(
    @CurrentAuthority() principal: AuthorityPrincipal,
    @IdempotencyScopeOf() scope: IdempotencyScope | undefined,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const answer = await this.batch.execute(principal, body, { request: { id: request.id, url: request.url }, scope });
    if (answer.replayed) {
      void reply.status(answer.status).header('idempotent-replayed', 'true');
      if (answer.status >= 400) void reply.header('content-type', PROBLEM_CONTENT_TYPE);
    }
    return answer.body;
  }
}

import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Capability, CurrentAuthority } from '../../core/auth/auth.decorators';
import { AuthorityPrincipal } from '../../core/auth/principal';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { UuidParamPipe } from '../../core/http/uuid-param.pipe';
import { RequestVerificationUseCase } from '../cases/request-verification.use-case';
import { VerificationCaseView } from '../dto/verification-case.view';
import { VerificationRequestDto } from '../dto/verification-request.dto';
import { CustomsResponseQueriesService } from './customs-response-queries.service';
import { CustomsResponseDto } from '../dto/customs-response.dto';
import { CustomsResponseView } from '../dto/customs-response.view';
import { RecordCustomsResponseUseCase } from './record-customs-response.use-case';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Repeat the same request safely: same key and body returns the first answer' };

/** What the importing customs do with a certificate in front of them: answer it, or ask its issuer. */
@ApiTags('verification')
@ApiBearerAuth()
@Controller('v1/certificates')
export class CustomsResponsesController {
  constructor(
    private readonly respond: RecordCustomsResponseUseCase,
    private readonly requestVerification: RequestVerificationUseCase,
    private readonly queries: CustomsResponseQueriesService,
  ) {}

  @Post(':id/customs-responses')
  @Allow(Capability.CUSTOMS)
  @ApiOperation({ summary: 'Accept, reject (with a reason) or use (quantities per item) a certificate; the answer goes to its issuer as a CUSTOMS_RESPONSE' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: CustomsResponseView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  customsResponse(@CurrentAuthority() principal: AuthorityPrincipal, @Param('id', UuidParamPipe) id: string, @Body() dto: CustomsResponseDto): Promise<CustomsResponseView> {
    return this.respond.execute(principal, id, dto);
  }

  @Get(':id/customs-responses')
  @Allow(Capability.CUSTOMS, Capability.ISSUER)
  @ApiOperation({ summary: 'The customs responses on a certificate, oldest first, for its issuer and the importing customs' })
  @ApiOkResponse({ type: CustomsResponseView, isArray: true })
  @ApiProblems(401, 403, 404)
  customsResponses(@CurrentAuthority() principal: AuthorityPrincipal, @Param('id', UuidParamPipe) id: string): Promise<CustomsResponseView[]> {
    return this.queries.forCertificate(principal, id);
  }

  @Post(':id/verification-requests')
  @Allow(Capability.CUSTOMS)
  @ApiOperation({ summary: "Open a verification case with the certificate's issuer (also after clearance): importStatus becomes DISPUTED" })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: VerificationCaseView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  verificationRequest(@CurrentAuthority() principal: AuthorityPrincipal, @Param('id', UuidParamPipe) id: string, @Body() dto: VerificationRequestDto): Promise<VerificationCaseView> {
    return this.requestVerification.execute(principal, id, dto);
  }
}

import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../core/auth/auth.decorators';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { CertificateError, CertificateErrorCode } from '../certificate.error';
import { statusPurposeOf, STATUS_PURPOSES } from './domain/credential-status';
import { VC_JWT_MEDIA_TYPE } from './domain/verifiable-credential';
import { CredentialStatusLists } from './credential-status-lists.service';

const AUTHORITY = { name: 'authority', description: 'The issuing authority code (KH-MOC)' };

// Public by design (W3C Bitstring Status List v1.0): whoever holds a credential reads its status here
// without telling the issuer which credential it checks (the list holds at least 131,072 entries).
@ApiTags('credentials')
@Controller('v1/status-lists')
export class StatusListsController {
  constructor(private readonly lists: CredentialStatusLists) {}

  @Get(':authority/:purpose')
  @Public()
  @ApiOperation({ summary: "An issuing authority's Bitstring Status List credential (revocation or message), a compact JWS (typ vc+jwt) signed with the node key, its certificate in x5c" })
  @ApiParam(AUTHORITY)
  @ApiParam({ name: 'purpose', enum: STATUS_PURPOSES })
  @ApiProduces(VC_JWT_MEDIA_TYPE)
  @ApiOkResponse({ description: 'The BitstringStatusListCredential, secured as VC-JOSE', content: { [VC_JWT_MEDIA_TYPE]: { schema: { type: 'string' } } } })
  @ApiProblems(400, 404)
  async list(@Param('authority') authority: string, @Param('purpose') purpose: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    if (!statusPurposeOf(purpose)) throw unknownPurpose(purpose);
    const credential = await this.lists.published(authority, purpose);
    // Signed again at every change: a cache may keep it a minute at most.
    void reply.header('content-type', VC_JWT_MEDIA_TYPE).header('cache-control', 'public, max-age=60');
    return credential;
  }

  @Get(':authority/message/:index')
  @Public()
  @ApiOperation({
    summary: "The statusReference of a message entry: what its value stands for now and, for a REPLACED certificate, its replacement's reference (issuing authority, number, copy) for POST /v1/verifications",
  })
  @ApiParam(AUTHORITY)
  @ApiParam({ name: 'index', type: 'integer' })
  @ApiOkResponse({ description: 'statusListCredential, statusListIndex, status (0x0..0x3), message, replacedBy' })
  @ApiProblems(400, 404)
  async entry(@Param('authority') authority: string, @Param('index') index: string): Promise<Record<string, unknown>> {
    if (!/^(0|[1-9]\d{0,9})$/.test(index) || Number(index) > 2 ** 31 - 1) {
      throw new CertificateError(CertificateErrorCode.STATUS_LIST_NOT_FOUND, `No entry ${index.slice(0, 20)} in a status list: an index is a non-negative integer`, { index: index.slice(0, 20) });
    }
    return this.lists.entry(authority, Number(index));
  }
}

function unknownPurpose(purpose: string): CertificateError {
  return new CertificateError(CertificateErrorCode.STATUS_LIST_NOT_FOUND, `purpose must be one of ${STATUS_PURPOSES.join(', ')}`, { purpose });
}

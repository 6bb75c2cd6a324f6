import { Controller, Get, Param, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../core/auth/auth.decorators';
import { VerificationMethod } from '../verify/domain/verification-input';
import { VerifyCertificateUseCase } from '../verify/verify-certificate.use-case';
import { VerificationError, VerificationErrorCode } from '../verification.error';
import { isVerificationTokenShape } from '../../certificates/verification-token';
import { PublicPageFilter } from './public-page.filter';
import { PublicClientKey, PublicRateLimitGuard } from './public-rate-limit.guard';
import { PAGE_SECURITY_HEADERS } from './render/html';
import { renderVerificationPage } from './render/verification-page';

const HTML = { 'text/html': { schema: { type: 'string' } } };

// Outside /v1: the address printed as a QR code on every certificate, opened on a phone.
@ApiTags('verification')
@Controller('verify')
@UseFilters(PublicPageFilter)
export class PublicPageController {
  constructor(private readonly verify: VerifyCertificateUseCase) {}

  @Get(':token')
  @Public()
  @UseGuards(PublicRateLimitGuard)
  @ApiOperation({ summary: 'The public verification page of a certificate (HTML, no login): its verdict and a summary without the parties' })
  @ApiParam({ name: 'token', description: 'The verification token printed (as a QR code) on the certificate' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The verification page', content: HTML })
  @ApiResponse({ status: 404, description: 'No certificate has this token (an HTML page)', content: HTML })
  @ApiResponse({ status: 429, description: 'Too many checks from this address (an HTML page, with Retry-After)', content: HTML })
  async page(@Param('token') token: string, @PublicClientKey() publicClientKey: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const answer = isVerificationTokenShape(token) ? await this.verify.execute({ method: VerificationMethod.TOKEN, token }, { publicClientKey }) : null;
    if (!answer?.summary) throw new VerificationError(VerificationErrorCode.VERIFICATION_PAGE_NOT_FOUND, 'No certificate has this verification token');
    void reply.headers(PAGE_SECURITY_HEADERS).header('content-type', 'text/html; charset=utf-8');
    return renderVerificationPage({ verdict: answer.verdict, summary: answer.summary, verifiedAt: answer.verifiedAt });
  }
}

import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../../core/auth/auth.decorators';
import type { Principal } from '../../core/auth/principal';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { UuidParamPipe } from '../../core/http/uuid-param.pipe';
import { CertificatePdfService } from './certificate-pdf.service';

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('v1/certificates')
export class CertificatePdfController {
  constructor(private readonly pdf: CertificatePdfService) {}

  @Get(':id/pdf')
  @ApiOperation({ summary: 'The certificate as a PDF, with a QR code of its public verification page, its document hash and signature status' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(401, 404, 409)
  async render(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const rendered = await this.pdf.render(principal, id);
    void reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${rendered.fileName}"`);
    return rendered.bytes;
  }
}

import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../core/auth/auth.decorators';
import { Principal } from '../core/auth/principal';
import { ApiProblems } from '../core/http/api-problems.decorator';
import { UuidParamPipe } from '../core/http/uuid-param.pipe';
import { derToPem } from '../pki/crypto/x509';
import { CertificateSignatureService } from './certificate-signature.service';
import { RENDITION_MEDIA_TYPE, RENDITION_SIGNATURE_MEDIA_TYPE, RenditionFormat } from '../dataset/formats/rendition-format';

const FORMAT_QUERY = {
  name: 'format',
  required: false,
  enum: RenditionFormat,
  description:
    'A rendition instead of the record: ubl (OASIS UBL 2.4 CertificateOfOrigin, XML-DSig inside), edi3 (UN/CEFACT edi3 JSON, detached CMS) or vc (W3C Verifiable Credential 2.0 as a compact JWS, typ vc+jwt, with x5c and Bitstring Status List entries)',
};
const EXTENSION: Readonly<Record<RenditionFormat, { document: string; signature: string }>> = {
  [RenditionFormat.UBL]: { document: 'xml', signature: 'sig.xml' },
  [RenditionFormat.EDI3]: { document: 'edi3.json', signature: 'edi3.p7s' },
  [RenditionFormat.VC]: { document: 'vc.jwt', signature: 'vc.jwt' },
};

const PEM_TYPE = 'application/x-pem-file';
const CMS_TYPE = 'application/pkcs7-signature';

// Byte-exact answers: what was signed, and the signature, for `openssl cms -verify` or any verifier.
@ApiTags('certificates')
@ApiBearerAuth()
@Controller('v1/certificates')
export class CertificateSignatureController {
  constructor(private readonly signed: CertificateSignatureService) {}

  @Get(':id/document')
  @ApiOperation({
    summary: 'The RFC 8785 canonical document exactly as signed (the content of the detached signature), whatever Accept says; with ?format= a signed rendition made from it',
  })
  @ApiQuery(FORMAT_QUERY)
  @ApiProduces('application/json', ...Object.values(RENDITION_MEDIA_TYPE))
  @ApiOkResponse({ description: 'The signed bytes', content: { 'application/json': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 401, 404, 409, 422)
  async document(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    if (format !== undefined) {
      const rendition = await this.signed.rendition(principal, id, format);
      void reply
        .header('content-type', rendition.mediaType)
        .header('x-record-hash', rendition.recordHash)
        .header('content-disposition', `inline; filename="${rendition.name}.${EXTENSION[rendition.format].document}"`);
      return rendition.document;
    }
    const part = await this.signed.document(principal, id);
    void reply.header('content-type', 'application/json').header('content-disposition', `inline; filename="${part.name}.json"`);
    return part.bytes;
  }

  @Get(':id/signature')
  @ApiOperation({ summary: 'The detached CMS signature (DER; PEM with Accept: application/x-pem-file)' })
  @ApiProduces(CMS_TYPE, PEM_TYPE)
  @ApiHeader({ name: 'Accept', required: false, description: `${CMS_TYPE} (default) or ${PEM_TYPE}` })
  @ApiOkResponse({
    description: 'CMS SignedData, detached, SHA-256 with RSA, signer certificate and chain included',
    content: { [CMS_TYPE]: { schema: { type: 'string', format: 'binary' } }, [PEM_TYPE]: { schema: { type: 'string' } } },
  })
  @ApiQuery(FORMAT_QUERY)
  @ApiProblems(400, 401, 404, 409, 422)
  async signature(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Headers('accept') accept: string | undefined,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | string> {
    if (format !== undefined) {
      // UBL: the ds:Signature element the document holds; edi3: its detached CMS (PEM on request, like the record's);
      // vc: the compact JWS, which is its own signature.
      const rendition = await this.signed.rendition(principal, id, format);
      const name = `${rendition.name}.${EXTENSION[rendition.format].signature}`;
      if (rendition.format === RenditionFormat.VC) {
        void reply.header('content-type', rendition.mediaType).header('content-disposition', `attachment; filename="${name}"`);
        return rendition.document;
      }
      if (rendition.format === RenditionFormat.EDI3 && accept?.includes(PEM_TYPE)) {
        void reply.header('content-type', PEM_TYPE).header('content-disposition', `attachment; filename="${name}.pem"`);
        return derToPem(rendition.signature, 'CMS');
      }
      void reply.header('content-type', RENDITION_SIGNATURE_MEDIA_TYPE[rendition.format]).header('content-disposition', `attachment; filename="${name}"`);
      return rendition.signature;
    }
    const part = await this.signed.signature(principal, id);
    if (accept?.includes(PEM_TYPE)) {
      void reply.header('content-type', PEM_TYPE).header('content-disposition', `attachment; filename="${part.name}.pem"`);
      return derToPem(part.bytes, 'CMS');
    }
    void reply.header('content-type', CMS_TYPE).header('content-disposition', `attachment; filename="${part.name}.p7s"`);
    return part.bytes;
  }

  @Get(':id/exporter-declaration')
  @ApiOperation({
    summary: "The exporter's canonical declaration: the RFC 8785 form of { exporter, exporterDeclaration, items } of the issued document, the content of the exporter's signature",
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'The bytes the exporter signed', content: { 'application/json': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(401, 404, 409)
  async exporterDeclaration(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const part = await this.signed.exporterDeclaration(principal, id);
    void reply.header('content-type', 'application/json').header('content-disposition', `inline; filename="${part.name}.json"`);
    return part.bytes;
  }

  @Get(':id/exporter-signature')
  @ApiOperation({ summary: "The exporter's detached CMS over its declaration (DER), for a certificate issued on a signed application; 404 otherwise" })
  @ApiProduces(CMS_TYPE)
  @ApiOkResponse({ description: 'CMS SignedData, detached, as the exporter made it', content: { [CMS_TYPE]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(401, 404, 409)
  async exporterSignature(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const part = await this.signed.exporterSignature(principal, id);
    void reply.header('content-type', CMS_TYPE).header('content-disposition', `attachment; filename="${part.name}.p7s"`);
    return part.bytes;
  }
}

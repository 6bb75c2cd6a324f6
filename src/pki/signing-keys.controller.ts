import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Capability, CurrentPrincipal } from '../core/auth/auth.decorators';
import { Principal, principalLabel } from '../core/auth/principal';
import { ApiProblems } from '../core/http/api-problems.decorator';
import { UuidParamPipe } from '../core/http/uuid-param.pipe';
import { GenerateKeyDto } from './dto/generate-key.dto';
import { ImportPemDto, ImportPkcs12Dto } from './dto/import-key.dto';
import { ListKeysQuery } from './dto/list-keys.query';
import { GeneratedKeyView, SigningKeyView } from './dto/pki.views';
import { RevokeKeyDto } from './dto/revoke-key.dto';
import { UploadCertificateDto } from './dto/upload-certificate.dto';
import { KeyEnrolmentService } from './services/key-enrolment.service';
import { KeyImportService } from './services/key-import.service';
import { KeyLifecycleService } from './services/key-lifecycle.service';

@ApiTags('pki')
@ApiBearerAuth()
@Allow(Capability.OPERATOR)
@Controller('v1/pki/keys')
export class SigningKeysController {
  constructor(
    private readonly enrolment: KeyEnrolmentService,
    private readonly imports: KeyImportService,
    private readonly lifecycle: KeyLifecycleService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Generate a signing key for an authority or the node; returns the PKCS#10 CSR for its CA' })
  @ApiCreatedResponse({ type: GeneratedKeyView })
  @ApiProblems(400, 401, 403, 404, 413, 415, 422, 503)
  generate(@Body() dto: GenerateKeyDto, @CurrentPrincipal() principal: Principal): Promise<GeneratedKeyView> {
    return this.enrolment.generate(dto, principalLabel(principal));
  }

  @Post('pkcs12')
  @ApiOperation({ summary: 'Import a signing key with its certificate and chain from a PKCS#12 file (base64) and its password' })
  @ApiCreatedResponse({ type: SigningKeyView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422, 503)
  importPkcs12(@Body() dto: ImportPkcs12Dto, @CurrentPrincipal() principal: Principal): Promise<SigningKeyView> {
    return this.imports.importPkcs12(dto, principalLabel(principal));
  }

  @Post('pem')
  @ApiOperation({ summary: 'Import a signing key with its certificate and chain as PEM' })
  @ApiCreatedResponse({ type: SigningKeyView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422, 503)
  importPem(@Body() dto: ImportPemDto, @CurrentPrincipal() principal: Principal): Promise<SigningKeyView> {
    return this.imports.importPem(dto, principalLabel(principal));
  }

  @Get()
  @ApiOperation({ summary: 'List signing keys (never any private material)' })
  @ApiOkResponse({ type: SigningKeyView, isArray: true })
  @ApiProblems(401, 403, 404, 422)
  list(@Query() query: ListKeysQuery): Promise<SigningKeyView[]> {
    return this.lifecycle.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One signing key, with its certificate, chain, and CSR while pending' })
  @ApiOkResponse({ type: SigningKeyView })
  @ApiProblems(401, 403, 404)
  get(@Param('id', UuidParamPipe) id: string): Promise<SigningKeyView> {
    return this.lifecycle.get(id);
  }

  @Post(':id/certificate')
  @HttpCode(200)
  @ApiOperation({ summary: "Upload the certificate the CA issued for a generated key (and its chain): the key becomes ACTIVE, the owner's previous key RETIRED" })
  @ApiOkResponse({ type: SigningKeyView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422, 503)
  uploadCertificate(@Param('id', UuidParamPipe) id: string, @Body() dto: UploadCertificateDto, @CurrentPrincipal() principal: Principal): Promise<SigningKeyView> {
    return this.enrolment.uploadCertificate(id, dto, principalLabel(principal));
  }

  @Post(':id/retire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a key: it signs no more, and what it signed stays valid' })
  @ApiOkResponse({ type: SigningKeyView })
  @ApiProblems(401, 403, 404, 409)
  retire(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<SigningKeyView> {
    return this.lifecycle.retire(id, principalLabel(principal));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a key: it signs no more, at once; signatures dated after the revocation fail verification' })
  @ApiOkResponse({ type: SigningKeyView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  revoke(@Param('id', UuidParamPipe) id: string, @Body() dto: RevokeKeyDto, @CurrentPrincipal() principal: Principal): Promise<SigningKeyView> {
    return this.lifecycle.revoke(id, dto, principalLabel(principal));
  }
}

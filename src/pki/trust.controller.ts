import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Capability, CurrentPrincipal } from '../core/auth/auth.decorators';
import { Principal, principalLabel } from '../core/auth/principal';
import { ApiProblems } from '../core/http/api-problems.decorator';
import { DevKeysDto } from './dto/dev-keys.dto';
import { ListAnchorsQuery } from './dto/list-keys.query';
import { CrlView, DevKeysView, SignatureVerificationView, TrustAnchorView } from './dto/pki.views';
import { RegisterTrustAnchorDto, UploadCrlDto, VerifySignatureDto } from './dto/trust.dto';
import { CrlsService } from './services/crls.service';
import { DevKeysService } from './services/dev-keys.service';
import { SignatureCheckService } from './services/signature-check.service';
import { TrustAnchorsService } from './services/trust-anchors.service';

@ApiTags('pki')
@ApiBearerAuth()
@Allow(Capability.OPERATOR)
@Controller('v1/pki')
export class TrustController {
  constructor(
    private readonly anchors: TrustAnchorsService,
    private readonly crls: CrlsService,
    private readonly devKeys: DevKeysService,
    private readonly signatures: SignatureCheckService,
  ) {}

  @Post('trust-anchors')
  @ApiOperation({ summary: 'Register a CA certificate that the signing certificates of an authority (or the node) chain to' })
  @ApiCreatedResponse({ type: TrustAnchorView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  registerAnchor(@Body() dto: RegisterTrustAnchorDto, @CurrentPrincipal() principal: Principal): Promise<TrustAnchorView> {
    return this.anchors.register(dto, principalLabel(principal));
  }

  @Get('trust-anchors')
  @ApiOperation({ summary: 'List trust anchors, optionally of one authority or of the node' })
  @ApiOkResponse({ type: TrustAnchorView, isArray: true })
  @ApiProblems(401, 403, 404, 422)
  listAnchors(@Query() query: ListAnchorsQuery): Promise<TrustAnchorView[]> {
    return this.anchors.list(query);
  }

  @Post('crls')
  @ApiOperation({ summary: 'Upload a CRL of a registered CA (signature and nextUpdate checked); hub keys it lists become REVOKED' })
  @ApiCreatedResponse({ type: CrlView })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  uploadCrl(@Body() dto: UploadCrlDto, @CurrentPrincipal() principal: Principal): Promise<CrlView> {
    return this.crls.upload(dto, principalLabel(principal));
  }

  @Get('crls')
  @ApiOperation({ summary: 'List the registered CRLs' })
  @ApiOkResponse({ type: CrlView, isArray: true })
  @ApiProblems(401, 403)
  listCrls(): Promise<CrlView[]> {
    return this.crls.list();
  }

  @Post('signatures/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a detached CMS signature against the trust anchors, CRLs and key records of the expected authority (or node)' })
  @ApiOkResponse({ type: SignatureVerificationView })
  @ApiProblems(400, 401, 403, 404, 413, 415, 422)
  verify(@Body() dto: VerifySignatureDto): Promise<SignatureVerificationView> {
    return this.signatures.check(dto);
  }

  @Post('dev-keys')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Development PKI: a throw-away CA (registered as trust anchor) and an ACTIVE signing key for each authority (and the node) that has none. Not for production.',
  })
  @ApiOkResponse({ type: DevKeysView })
  @ApiProblems(400, 401, 403, 404, 413, 415, 422, 503)
  equip(@Body() dto: DevKeysDto, @CurrentPrincipal() principal: Principal): Promise<DevKeysView> {
    return this.devKeys.equip(dto, principalLabel(principal));
  }
}

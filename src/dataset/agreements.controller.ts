import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Capability, CurrentPrincipal } from '../core/auth/auth.decorators';
import { Principal, principalLabel } from '../core/auth/principal';
import { ApiProblems } from '../core/http/api-problems.decorator';
import type { AgreementProfile } from './agreements/agreement-profile';
import { AgreementProfileDto } from './dto/agreement-profile.dto';
import { AgreementsService } from './agreements.service';

@ApiTags('dataset')
@ApiBearerAuth()
@Controller('v1/agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Get()
  @ApiOperation({ summary: 'Every agreement profile version the hub applies, effective-dated' })
  @ApiOkResponse({ type: AgreementProfileDto, isArray: true })
  @ApiProblems(401)
  list(): Promise<AgreementProfile[]> {
    return this.agreements.list();
  }

  @Get(':code')
  @ApiOperation({ summary: 'The versions of one agreement profile' })
  @ApiOkResponse({ type: AgreementProfileDto, isArray: true })
  @ApiProblems(401, 404)
  versions(@Param('code') code: string): Promise<AgreementProfile[]> {
    return this.agreements.list(code);
  }

  @Post()
  @Allow(Capability.OPERATOR)
  @ApiOperation({ summary: 'Add an agreement or a new version of one (versions are immutable)' })
  @ApiBody({ type: AgreementProfileDto })
  @ApiCreatedResponse({ type: AgreementProfileDto })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  add(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AgreementProfile> {
    return this.agreements.add(body, principalLabel(principal));
  }
}

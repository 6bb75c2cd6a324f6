import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Capability, CurrentAuthority } from '../../core/auth/auth.decorators';
import { AuthorityPrincipal } from '../../core/auth/principal';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { InboxQuery } from '../dto/inbox.query';
import { InboxView } from '../dto/inbox.view';
import { InboxService } from './inbox.service';

@ApiTags('verification')
@ApiBearerAuth()
@Controller('v1/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @Allow(Capability.CUSTOMS, Capability.ISSUER)
  @ApiOperation({ summary: "The calling authority's inbox: open cases with due dates (overdue first), and for issuers the customs responses received" })
  @ApiOkResponse({ type: InboxView })
  @ApiProblems(401, 403, 422)
  list(@CurrentAuthority() principal: AuthorityPrincipal, @Query() query: InboxQuery): Promise<InboxView> {
    return this.inbox.list(principal, query);
  }
}

import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditCheckpointsService } from '../../audit/checkpoints/audit-checkpoints.service';
import { AuditCheckpointPageView, AuditCheckpointView } from '../../audit/dto/audit-checkpoint.view';
import { CheckpointsQuery } from '../../audit/dto/checkpoints.query';
import { Public } from '../../core/auth/auth.decorators';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { CheckpointReaderGuard } from './checkpoint-reader.guard';

// The audit log's signed checkpoints, served here because their readers besides the operator are
// partners' nodes, which authenticate with the inbound tokens the exchange issues them. Public to the
// API-key guard: CheckpointReaderGuard takes the operator token and partners' inbound tokens.
@ApiTags('audit')
@ApiBearerAuth()
@Public()
@UseGuards(CheckpointReaderGuard)
@Controller('v1/audit')
export class AuditCheckpointsController {
  constructor(private readonly checkpoints: AuditCheckpointsService) {}

  @Get('checkpoint')
  @ApiOperation({ summary: 'The latest signed checkpoint of the audit log (operator, partner nodes)' })
  @ApiOkResponse({ type: AuditCheckpointView })
  @ApiProblems(401, 403, 404)
  latest(): Promise<AuditCheckpointView> {
    return this.checkpoints.latest();
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'Signed checkpoints from a sequence number on, oldest first (operator, partner nodes)' })
  @ApiOkResponse({ type: AuditCheckpointPageView })
  @ApiProblems(401, 403, 422)
  history(@Query() query: CheckpointsQuery): Promise<AuditCheckpointPageView> {
    return this.checkpoints.page(query.from ?? '0', query.limit ? Number(query.limit) : 100);
  }
}

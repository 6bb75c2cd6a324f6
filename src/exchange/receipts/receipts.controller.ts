import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Capability } from '../../core/auth/auth.decorators';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { UuidParamPipe } from '../../core/http/uuid-param.pipe';
import { ReceiptView } from '../dto/receipt.view';
import { ReceiptQueriesService } from './receipt-queries.service';

@ApiTags('exchange')
@ApiBearerAuth()
@Controller('v1')
export class ReceiptsController {
  constructor(private readonly receipts: ReceiptQueriesService) {}

  @Get('deliveries/:id/receipt')
  @Allow(Capability.OPERATOR)
  @ApiOperation({ summary: "The receiving node's signed receipt of a delivery, with its certificate and the envelope: what `ecoo-verify --receipt` checks offline" })
  @ApiOkResponse({ type: ReceiptView })
  @ApiProblems(401, 403, 404)
  receipt(@Param('id', UuidParamPipe) id: string): Promise<ReceiptView> {
    return this.receipts.ofDelivery(id);
  }
}

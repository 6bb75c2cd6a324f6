import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../core/auth/auth.decorators';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { NodeIdentityView } from '../dto/node-certificate.view';
import { NodeKeySource } from './node-key-source';

@ApiTags('exchange')
@Controller('v1/exchange')
export class NodeIdentityController {
  constructor(private readonly keys: NodeKeySource) {}

  // A certificate is public by nature; partners fetch it to register this node.
  @Public()
  @Get('node-certificate')
  @ApiOperation({ summary: "This node's envelope-signing certificate" })
  @ApiOkResponse({ type: NodeIdentityView })
  @ApiProblems(503)
  async certificate(): Promise<NodeIdentityView> {
    const key = await this.keys.current();
    return { certificate: key.certificatePem, keyId: key.keyId, algorithm: 'RSA-SHA256' };
  }
}

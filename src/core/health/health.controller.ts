import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../../authorities/auth.decorators';
import { ApiProblems } from '../http/api-problems.decorator';
import { RequestError, RequestErrorCode } from '../errors/request-error';
import { QueueService } from '../queue/queue.service';

export class HealthView {
  @ApiProperty({ example: 'ok' }) status!: 'ok';
  @ApiProperty({ example: { database: 'up', redis: 'up' } }) checks!: Record<string, 'up' | 'down'>;
}

async function probe(check: () => Promise<unknown>, timeoutMs = 2000): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)))]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness and readiness: PostgreSQL and Redis reachable' })
  @ApiOkResponse({ type: HealthView })
  @ApiProblems(503)
  async health(): Promise<HealthView> {
    const [database, redis] = await Promise.all([probe(() => this.dataSource.query('SELECT 1')), probe(() => this.queues.ping())]);
    const checks = { database, redis };
    if (database === 'down' || redis === 'down') {
      throw new RequestError(RequestErrorCode.SERVICE_UNAVAILABLE, 'A dependency is down', { extra: { checks } });
    }
    return { status: 'ok', checks };
  }
}

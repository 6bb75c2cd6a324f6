import { Controller, Get, Inject } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { hubConfig } from '../config/hub.config';
import { HubMode } from '../config/hub-mode';
import { ApiProblems } from '../http/api-problems.decorator';
import { RequestError, RequestErrorCode } from '../errors/request-error';
import { QueueService } from '../queue/queue.service';

export class HealthView {
  @ApiProperty({ example: 'ok' }) status!: 'ok';
  @ApiProperty({ enum: HubMode, example: HubMode.SERVER, description: 'server: PostgreSQL and Redis; trial: embedded database for one machine and light load' })
  mode!: HubMode;
  @ApiProperty({ example: { database: 'up', redis: 'up' }, description: 'In trial mode the queues live in the embedded database: { database, queues }' })
  checks!: Record<string, 'up' | 'down'>;
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
    @Inject(hubConfig.KEY) private readonly config: ConfigType<typeof hubConfig>,
  ) {}

  // Beside /health, not instead of it: answers from this process alone, touching nothing else.
  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness only: this process answers (no database, no queue); /health says whether the hub can work' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', example: 'ok' } } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness and readiness: the database and the queues reachable, and the mode the hub runs in' })
  @ApiOkResponse({ type: HealthView })
  @ApiProblems(503)
  async health(): Promise<HealthView> {
    const [database, queues] = await Promise.all([probe(() => this.dataSource.query('SELECT 1')), probe(() => this.queues.ping())]);
    const checks = { database, [this.queues.healthCheck]: queues };
    if (database === 'down' || queues === 'down') {
      throw new RequestError(RequestErrorCode.SERVICE_UNAVAILABLE, 'A dependency is down', { extra: { mode: this.config.mode, checks } });
    }
    return { status: 'ok', mode: this.config.mode, checks };
  }
}

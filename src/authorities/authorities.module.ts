import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeysService } from './api-keys.service';
import { AuthGuard } from './auth.guard';
import { AuthoritiesController } from './authorities.controller';
import { AuthoritiesService } from './authorities.service';
import { ApiKeyEntity } from './entities/api-key.entity';
import { AuthorityEntity } from './entities/authority.entity';
import { TraderEntity } from './entities/trader.entity';
import { OperatorSessionEntity } from './operator-sessions/operator-session.entity';
import { OperatorSessionsService } from './operator-sessions/operator-sessions.service';
import { OperatorSignInAttemptEntity } from './operator-sessions/operator-sign-in-attempt.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AuthorityEntity, TraderEntity, ApiKeyEntity, OperatorSessionEntity, OperatorSignInAttemptEntity])],
  controllers: [AuthoritiesController],
  providers: [AuthoritiesService, ApiKeysService, AuthGuard, OperatorSessionsService],
  exports: [AuthoritiesService, ApiKeysService, AuthGuard, OperatorSessionsService],
})
export class AuthoritiesModule {}

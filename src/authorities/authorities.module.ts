import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeysService } from './api-keys.service';
import { AuthGuard } from './auth.guard';
import { AuthoritiesController } from './authorities.controller';
import { AuthoritiesService } from './authorities.service';
import { ApiKeyEntity } from './entities/api-key.entity';
import { AuthorityEntity } from './entities/authority.entity';
import { TraderEntity } from './entities/trader.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AuthorityEntity, TraderEntity, ApiKeyEntity])],
  controllers: [AuthoritiesController],
  providers: [AuthoritiesService, ApiKeysService, AuthGuard],
  exports: [AuthoritiesService, ApiKeysService, AuthGuard],
})
export class AuthoritiesModule {}

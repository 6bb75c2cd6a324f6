import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';
import { DatasetService } from './dataset.service';
import { AgreementProfileEntity } from './entities/agreement-profile.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AgreementProfileEntity])],
  controllers: [AgreementsController],
  providers: [DatasetService, AgreementsService],
  exports: [DatasetService],
})
export class DatasetModule {}

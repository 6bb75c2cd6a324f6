import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AuthorityPrincipal } from '../../core/auth/principal';
import { CertificateQueriesService } from '../../certificates/certificate-queries.service';
import { CertificateError } from '../../certificates/certificate.error';
import { isIssuerOf } from '../../certificates/domain/visibility';
import { isImportingCustoms } from '../domain/parties';
import { CustomsResponseEntity } from '../entities/customs-response.entity';
import { CustomsResponseView, toCustomsResponseView } from '../dto/customs-response.view';

/** The customs responses on a certificate, for its issuer and the importing customs; anyone else gets 404. */
@Injectable()
export class CustomsResponseQueriesService {
  constructor(
    @InjectRepository(CustomsResponseEntity) private readonly responses: Repository<CustomsResponseEntity>,
    private readonly certificates: CertificateQueriesService,
  ) {}

  async forCertificate(principal: AuthorityPrincipal, certificateId: string): Promise<CustomsResponseView[]> {
    const certificate = await this.certificates.findVisible(principal, certificateId);
    if (!isIssuerOf(principal, certificate) && !isImportingCustoms(principal, certificate)) throw CertificateError.notFound();
    const rows = await this.responses.find({ where: { certificateId }, order: { respondedAt: 'ASC', id: 'ASC' } });
    return rows.map((row) => toCustomsResponseView(row));
  }
}

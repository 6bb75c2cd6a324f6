import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiKeysService } from '../../authorities/api-keys.service';
import { PrincipalKind } from '../../core/auth/principal';
import { RequestError, RequestErrorCode } from '../../core/errors/request-error';
import { PartnerAuthenticator } from '../partners/partner-authenticator';

/**
 * Who may read the audit checkpoints: the operator, and partners' nodes with the inbound token this
 * hub issued them (as on /v1/exchange/envelopes), so they can keep the hub's checkpoints outside it.
 * An authority's or trader's key is 403; anything else 401.
 */
@Injectable()
export class CheckpointReaderGuard implements CanActivate {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly partners: PartnerAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    const match = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header) : null;
    if (!match) throw new RequestError(RequestErrorCode.UNAUTHENTICATED, 'Send a bearer credential: the operator token or a partner inbound token');
    if (await this.partners.authenticate(header)) return true;
    const principal = await this.apiKeys.resolve(match[1]);
    if (!principal) throw new RequestError(RequestErrorCode.UNAUTHENTICATED, 'The credential is unknown or revoked');
    if (principal.kind !== PrincipalKind.OPERATOR) throw new RequestError(RequestErrorCode.FORBIDDEN, "Checkpoints are for the operator and partners' nodes");
    return true;
  }
}

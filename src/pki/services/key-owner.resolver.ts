import { Injectable } from '@nestjs/common';
import { AuthoritiesService } from '../../authorities/authorities.service';
import { RequestError } from '../../core/errors/request-error';
import { AnchorOwner, KeyOwner, KeyOwnerType, NODE_OWNER, PARTNER_NODES_OWNER } from '../domain/key-owner';

/** Turns `{ authority }` or `{ node: true }` from a body into an owner; an unknown authority is 404. */
@Injectable()
export class KeyOwnerResolver {
  constructor(private readonly authorities: AuthoritiesService) {}

  async resolve(input: { authority?: string; node?: boolean | string }): Promise<KeyOwner> {
    const node = input.node === true || input.node === 'true';
    if (node === (input.authority !== undefined)) {
      throw RequestError.validation([
        { ruleId: 'PKI-OWNER-001', severity: 'error', path: 'authority', message: 'Name the owner: either authority (a registered authority code) or node: true' },
      ]);
    }
    if (node) return NODE_OWNER;
    return this.authority(input.authority as string);
  }

  /** A trust anchor's owner: as for keys, or `{ partnerNodes: true }` for the CAs of partner nodes. */
  async resolveAnchorOwner(input: { authority?: string; node?: boolean | string; partnerNodes?: boolean | string }): Promise<AnchorOwner> {
    const partnerNodes = input.partnerNodes === true || input.partnerNodes === 'true';
    if (!partnerNodes) return this.resolve(input);
    if (input.authority !== undefined || input.node !== undefined) {
      throw RequestError.validation([
        { ruleId: 'PKI-OWNER-001', severity: 'error', path: 'partnerNodes', message: 'Name one owner: authority, node: true, or partnerNodes: true' },
      ]);
    }
    return PARTNER_NODES_OWNER;
  }

  async authority(code: string): Promise<KeyOwner> {
    const found = await this.authorities.getAuthorityByCode(code);
    return { type: KeyOwnerType.AUTHORITY, authorityId: found.id, code: found.code };
  }
}

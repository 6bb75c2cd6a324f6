import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditAction } from '../audit/audit-action';
import { AUDIT_ENTRY } from '../audit/audit-entry.effect';
import { hubConfig } from '../core/config/hub.config';
import { ChangeNotices } from '../core/database/change-notices/change-notices';
import { ReferenceCache } from '../core/database/change-notices/reference-cache';
import { UnitOfWork } from '../core/unit-of-work/unit-of-work';
import { AuthorityError, AuthorityErrorCode } from './authority.error';
import { AuthoritiesService } from './authorities.service';
import { FixedToken, generateApiKey, parseApiKey, secretMatches } from './domain/api-key-secret';
import { AuthorityRole } from '../core/auth/authority-role';
import { Principal, PrincipalKind } from '../core/auth/principal';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { ApiKeyView, CreatedApiKeyView } from './dto/authority.view';
import { ApiKeyEntity } from './entities/api-key.entity';

interface ResolvedKeyRow {
  id: string;
  secret_hash: string;
  authority_id: string | null;
  code: string | null;
  authority_country: string | null;
  roles: AuthorityRole[] | null;
  trader_id: string | null;
  party_id: string | null;
  trader_country: string | null;
  officer_id: string | null;
}

function toView(entity: ApiKeyEntity): ApiKeyView {
  return {
    id: entity.id,
    prefix: entity.prefix,
    label: entity.label,
    authority: entity.authority?.code,
    trader: entity.trader?.partyId,
    officerId: entity.officerId,
    createdAt: entity.createdAt.toISOString(),
    revokedAt: entity.revokedAt?.toISOString() ?? null,
  };
}

function principalOfRow(row: ResolvedKeyRow): Principal | undefined {
  if (row.authority_id) {
    return { kind: PrincipalKind.AUTHORITY, authorityId: row.authority_id, code: row.code!, country: row.authority_country!, roles: row.roles!, apiKeyId: row.id, officerId: row.officer_id };
  }
  if (row.trader_id) {
    return { kind: PrincipalKind.TRADER, traderId: row.trader_id, partyId: row.party_id!, country: row.trader_country!, apiKeyId: row.id };
  }
  return undefined;
}

// The change notices' topic of API keys; its key is the API key's prefix.
const API_KEY_TOPIC = 'api-key';

/**
 * API keys for authorities and traders. A key resolves from this process's cache (issue 14), filled
 * from PostgreSQL on first use. A revocation evicts it at once in the revoking process and, through
 * the NOTIFY a trigger sends in the revoking transaction, in every other process when it commits. Authorities
 * and traders are never changed once registered, so the owner's code, country and roles cached with
 * the key stay true.
 */
@Injectable()
export class ApiKeysService {
  private readonly byPrefix: ReferenceCache<ResolvedKeyRow | null>;
  private readonly adminToken: FixedToken;

  constructor(
    @Inject(hubConfig.KEY) private readonly config: ConfigType<typeof hubConfig>,
    private readonly dataSource: DataSource,
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly authorities: AuthoritiesService,
    private readonly uow: UnitOfWork,
    private readonly notices: ChangeNotices,
  ) {
    this.byPrefix = notices.cache<ResolvedKeyRow | null>(API_KEY_TOPIC);
    this.adminToken = new FixedToken(config.adminToken);
  }

  async resolve(token: string): Promise<Principal | undefined> {
    if (this.adminToken.matches(token)) return { kind: PrincipalKind.OPERATOR };
    const parsed = parseApiKey(token);
    if (!parsed) return undefined;
    // An unknown prefix is not kept: the cache holds live keys only, and a flood of made-up ones cannot fill it.
    const row = await this.byPrefix.get(parsed.prefix, () => this.loadKey(parsed.prefix), (found) => found !== null);
    if (!row || !secretMatches(parsed.secret, row.secret_hash)) return undefined;
    return principalOfRow(row);
  }

  /**
   * The caller an API key stands for, read afresh from PostgreSQL (never the cache), or undefined
   * once it is revoked: what acts for it later (a webhook subscription's sends) stops at once.
   */
  async principalOfKey(id: string): Promise<Principal | undefined> {
    const row = await this.activeKeyWhere('id', id);
    return row ? principalOfRow(row) : undefined;
  }

  private loadKey(prefix: string): Promise<ResolvedKeyRow | null> {
    return this.activeKeyWhere('prefix', prefix);
  }

  /** An unrevoked key with its owner, by its id or its prefix: one indexed round trip, no ORM hydration. */
  private async activeKeyWhere(column: 'id' | 'prefix', value: string): Promise<ResolvedKeyRow | null> {
    const [row]: ResolvedKeyRow[] = await this.dataSource.query(
      `SELECT k.id, k.secret_hash, k.officer_id, a.id AS authority_id, a.code, a.country AS authority_country, a.roles,
              t.id AS trader_id, t.party_id, t.country AS trader_country
         FROM api_keys k
         LEFT JOIN authorities a ON a.id = k.authority_id
         LEFT JOIN traders t ON t.id = k.trader_id
        WHERE k.${column} = $1 AND k.revoked_at IS NULL`,
      [value],
    );
    return row ?? null;
  }

  async create(dto: CreateApiKeyDto, actor: string): Promise<CreatedApiKeyView> {
    if ((dto.authority === undefined) === (dto.trader === undefined)) {
      throw new AuthorityError(AuthorityErrorCode.API_KEY_OWNER_INVALID, 'Name exactly one of authority and trader');
    }
    if (dto.officerId !== undefined && dto.authority === undefined) {
      throw new AuthorityError(AuthorityErrorCode.API_KEY_OWNER_INVALID, 'Only an authority key names an officer');
    }
    const authority = dto.authority !== undefined ? await this.authorities.findAuthorityByCode(dto.authority) : null;
    const trader = dto.trader !== undefined ? await this.authorities.findTraderByPartyId(dto.trader) : null;
    if (dto.authority !== undefined && !authority) throw new AuthorityError(AuthorityErrorCode.AUTHORITY_NOT_FOUND, `No authority ${dto.authority}`);
    if (dto.trader !== undefined && !trader) throw new AuthorityError(AuthorityErrorCode.TRADER_NOT_FOUND, `No trader ${dto.trader}`);
    const generated = generateApiKey();
    const saved = await this.uow.run(async (tx) => {
      const entity = await tx.manager.save(
        tx.manager.create(ApiKeyEntity, {
          prefix: generated.prefix,
          secretHash: generated.secretHash,
          label: dto.label ?? null,
          authorityId: authority?.id ?? null,
          traderId: trader?.id ?? null,
          officerId: dto.officerId ?? null,
          revokedAt: null,
        }),
      );
      tx.add(AUDIT_ENTRY, {
        actor,
        action: AuditAction.API_KEY_CREATED,
        entityType: 'api_key',
        entityId: entity.id,
        details: { prefix: entity.prefix, authority: authority?.code ?? null, trader: trader?.partyId ?? null, officerId: entity.officerId },
      });
      return entity;
    });
    saved.authority = authority;
    saved.trader = trader;
    return { ...toView(saved), key: generated.key };
  }

  async list(filter: { authority?: string; trader?: string }): Promise<ApiKeyView[]> {
    const query = this.keys
      .createQueryBuilder('k')
      .leftJoinAndSelect('k.authority', 'a')
      .leftJoinAndSelect('k.trader', 't')
      .orderBy('k.created_at', 'ASC');
    if (filter.authority) query.andWhere('a.code = :code', { code: filter.authority });
    if (filter.trader) query.andWhere('t.party_id = :party', { party: filter.trader });
    return (await query.getMany()).map(toView);
  }

  async revoke(id: string, actor: string): Promise<ApiKeyView> {
    const revoked = await this.uow.run(async (tx) => {
      const result = await tx.manager
        .createQueryBuilder()
        .update(ApiKeyEntity)
        .set({ revokedAt: () => 'now()' })
        .where('id = :id AND revoked_at IS NULL', { id })
        .execute();
      const found = await tx.manager.findOne(ApiKeyEntity, { where: { id }, relations: { authority: true, trader: true } });
      if (!found) throw new AuthorityError(AuthorityErrorCode.API_KEY_NOT_FOUND, `No API key ${id}`);
      if (result.affected) {
        tx.add(AUDIT_ENTRY, { actor, action: AuditAction.API_KEY_REVOKED, entityType: 'api_key', entityId: id, details: { prefix: found.prefix } });
      }
      return found;
    });
    this.notices.evict(API_KEY_TOPIC, revoked.prefix);
    return toView(revoked);
  }
}

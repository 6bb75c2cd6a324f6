import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditAction } from '../audit/audit-action';
import { AUDIT_ENTRY } from '../audit/audit-entry.effect';
import { UnitOfWork } from '../core/unit-of-work/unit-of-work';
import { AuditService } from '../audit/audit.service';
import { ChangeNotices } from '../core/database/change-notices/change-notices';
import { ReferenceCache } from '../core/database/change-notices/reference-cache';
import { isUniqueViolation } from '../core/database/pg-errors';
import { AuthorityRole } from '../core/auth/authority-role';
import { AuthorityError, AuthorityErrorCode } from './authority.error';
import { RegisterAuthorityDto } from './dto/register-authority.dto';
import { RegisterTraderDto } from './dto/register-trader.dto';
import { AuthorityView, TraderView } from './dto/authority.view';
import { AuthorityEntity } from './entities/authority.entity';
import { TraderEntity } from './entities/trader.entity';

export function toAuthorityView(entity: AuthorityEntity): AuthorityView {
  return { id: entity.id, code: entity.code, name: entity.name, country: entity.country, roles: entity.roles, servedHere: entity.servedHere, createdAt: entity.createdAt.toISOString() };
}

export function toTraderView(entity: TraderEntity): TraderView {
  return { id: entity.partyId, name: entity.name, country: entity.country, createdAt: entity.createdAt.toISOString() };
}

/** Issuing authorities, customs authorities and traders known to this hub. */
/** The change notices' topic of the authorities table (migration ReferenceChangeNotices). */
const AUTHORITIES_TOPIC = 'authorities';

@Injectable()
export class AuthoritiesService {
  // Authorities by code, kept in this process until a change notice about authorities (issue 14).
  private readonly byCode: ReferenceCache<AuthorityEntity | null>;
  // The customs authorities served here, by the countries asked for: every issue routes with them.
  private readonly customsIn: ReferenceCache<{ code: string; country: string }[]>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    @InjectRepository(AuthorityEntity) private readonly authorities: Repository<AuthorityEntity>,
    @InjectRepository(TraderEntity) private readonly traders: Repository<TraderEntity>,
    private readonly audit: AuditService,
    private readonly notices: ChangeNotices,
  ) {
    this.byCode = notices.cache<AuthorityEntity | null>(AUTHORITIES_TOPIC);
    this.customsIn = notices.cache<{ code: string; country: string }[]>(AUTHORITIES_TOPIC, 1_000);
  }

  async registerAuthority(dto: RegisterAuthorityDto, actor: string): Promise<AuthorityView> {
    if (!dto.code.startsWith(`${dto.country}-`)) {
      throw new AuthorityError(AuthorityErrorCode.API_KEY_OWNER_INVALID, `Authority code ${dto.code} must start with its country ${dto.country}`);
    }
    try {
      const saved = await this.uow.run(async (tx) => {
        const entity = await tx.manager.save(tx.manager.create(AuthorityEntity, { code: dto.code, name: dto.name.normalize('NFC'), country: dto.country, roles: [...dto.roles].sort(), servedHere: dto.servedHere ?? true }));
        tx.add(AUDIT_ENTRY, { actor, action: AuditAction.AUTHORITY_REGISTERED, entityType: 'authority', entityId: entity.code, details: { name: entity.name, country: entity.country, roles: entity.roles, servedHere: entity.servedHere } });
        // This process forgets at once what it kept (routing); the others on the change notice.
        tx.afterCommit(async () => this.notices.evict(AUTHORITIES_TOPIC));
        return entity;
      });
      return toAuthorityView(saved);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_authorities_code')) {
        throw new AuthorityError(AuthorityErrorCode.AUTHORITY_EXISTS, `Authority ${dto.code} is already registered`);
      }
      throw error;
    }
  }

  async listAuthorities(): Promise<AuthorityView[]> {
    return (await this.authorities.find({ order: { code: 'ASC' } })).map(toAuthorityView);
  }

  /**
   * `manager`: the caller's transaction, when it holds one, so the read goes through it (the embedded
   * database of trial mode has one session: a read beside an open transaction would wait for it).
   */
  async findAuthorityByCode(code: string, manager?: EntityManager): Promise<AuthorityEntity | null> {
    // A code not registered is not kept (it may be registered next); a copy, so no caller changes the kept one.
    const load = () => (manager ? manager.findOne(AuthorityEntity, { where: { code } }) : this.authorities.findOne({ where: { code } }));
    const found = await this.byCode.get(code, load, (entity) => entity !== null);
    return found && Object.assign(new AuthorityEntity(), found);
  }

  async getAuthorityByCode(code: string, manager?: EntityManager): Promise<AuthorityEntity> {
    const found = await this.findAuthorityByCode(code, manager);
    if (!found) throw new AuthorityError(AuthorityErrorCode.AUTHORITY_NOT_FOUND, `No authority ${code}`);
    return found;
  }

  /**
   * Customs authorities served by this hub in these countries (exchange routing), kept in this process
   * until a change notice about authorities; loaded through the caller's transaction.
   */
  async customsAuthoritiesIn(manager: EntityManager, countries: string[]): Promise<{ code: string; country: string }[]> {
    if (countries.length === 0) return [];
    const wanted = [...new Set(countries)].sort();
    const found = await this.customsIn.get(wanted.join(','), () =>
      manager.query(`SELECT code, country FROM authorities WHERE country = ANY($1::char(2)[]) AND 'CUSTOMS' = ANY(roles) AND served_here ORDER BY code`, [wanted]),
    );
    return found.map((authority) => ({ ...authority }));
  }

  /**
   * Which of these authority codes this hub serves (receives envelopes for): from the authorities this
   * process keeps (every envelope received or sent asks), read through the caller's transaction on a miss.
   */
  async authoritiesServedHere(manager: EntityManager, codes: string[]): Promise<{ id: string; code: string; country: string; roles: AuthorityRole[] }[]> {
    const found = await Promise.all([...new Set(codes)].map((code) => this.findAuthorityByCode(code, manager)));
    return found.flatMap((authority) => (authority?.servedHere ? [{ id: authority.id, code: authority.code, country: authority.country, roles: [...authority.roles] }] : []));
  }

  /**
   * The issuing authority a received certificate names, registered on first receipt when the operator
   * has not registered it yet (in the caller's transaction): trust anchors can then be added for it,
   * and until they are, its signatures are reported untrusted.
   */
  async ensureIssuer(manager: EntityManager, code: string, actor: string): Promise<{ id: string; code: string; country: string }> {
    const inserted: { id: string; code: string; country: string }[] = await manager.query(
      `INSERT INTO authorities (code, name, country, roles, served_here) VALUES ($1, $2, $3, ARRAY['ISSUER']::varchar[], false) ON CONFLICT (code) DO NOTHING RETURNING id, code, country`,
      [code, code, code.slice(0, 2)],
    );
    if (inserted.length > 0) {
      await this.audit.append(manager, {
        actor,
        action: AuditAction.AUTHORITY_REGISTERED,
        entityType: 'authority',
        entityId: code,
        details: { name: code, country: code.slice(0, 2), roles: [AuthorityRole.ISSUER], servedHere: false, registeredOnReceipt: true },
      });
      return inserted[0];
    }
    const [found]: { id: string; code: string; country: string }[] = await manager.query('SELECT id, code, country FROM authorities WHERE code = $1', [code]);
    return found;
  }

  async registerTrader(dto: RegisterTraderDto, actor: string): Promise<TraderView> {
    try {
      const saved = await this.uow.run(async (tx) => {
        const entity = await tx.manager.save(tx.manager.create(TraderEntity, { partyId: dto.id, name: dto.name.normalize('NFC'), country: dto.country }));
        tx.add(AUDIT_ENTRY, { actor, action: AuditAction.TRADER_REGISTERED, entityType: 'trader', entityId: entity.partyId, details: { country: entity.country } });
        return entity;
      });
      return toTraderView(saved);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_traders_party_id')) {
        throw new AuthorityError(AuthorityErrorCode.TRADER_EXISTS, `Trader ${dto.id} is already registered`);
      }
      throw error;
    }
  }

  async listTraders(): Promise<TraderView[]> {
    return (await this.traders.find({ order: { partyId: 'ASC' } })).map(toTraderView);
  }

  async findTraderByPartyId(partyId: string): Promise<TraderEntity | null> {
    return this.traders.findOne({ where: { partyId } });
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canonicalJson, sha256Hex } from '../../core/canonical/canonical-json';
import { edi3ToDataset } from '../../dataset/formats/domain/edi3-certificate';
import { parseHostileXml } from '../../dataset/formats/domain/safe-xml';
import { ublDocumentToDataset } from '../../dataset/formats/domain/ubl-certificate';
import { edi3SchemaProblems } from '../../dataset/formats/edi3/edi3-schema';
import { RenditionFormat, renditionFormatOfMediaType } from '../../dataset/formats/rendition-format';
import type { AcknowledgementWarning } from '../../exchange/domain/acknowledgement';
import { KeyOwnerType } from '../../pki/domain/key-owner';
import { SignatureVerificationService } from '../../pki/services/signature-verification.service';
import { CertificateRenditionEntity } from '../entities/certificate-rendition.entity';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MAX_RENDITIONS = 4;

export interface ReceivedRenditionsInput {
  certificateId: string;
  issuer: { id: string; code: string };
  /** The record as received (its RFC 8785 form hashes to documentHash). */
  record: Record<string, unknown>;
  documentHash: string;
  issueTime: Date;
  renditions: unknown;
}

/** The UBL signature's place: inside sac:SignatureInformation of the UBL signature extension. */
function inUblSignatureExtension(signature: Element): boolean {
  const parent = signature.parentNode as Element | null;
  const extension = parent?.parentNode?.parentNode?.parentNode as Element | null | undefined;
  return parent?.localName === 'SignatureInformation' && extension?.localName === 'UBLExtension' && extension.parentNode?.parentNode === signature.ownerDocument.documentElement;
}

/**
 * The renditions a partner sent beside a certificate (payload.renditions[]): each is kept for the
 * received copy only when its own signature (XML-DSig or CMS) verifies against the issuer's trust
 * anchors and it reads back as the very record received; otherwise it is left out with a warning.
 */
@Injectable()
export class ReceivedRenditions {
  constructor(private readonly signatures: SignatureVerificationService) {}

  async keep(manager: EntityManager, input: ReceivedRenditionsInput): Promise<AcknowledgementWarning[]> {
    if (input.renditions === undefined) return [];
    if (!Array.isArray(input.renditions) || input.renditions.length > MAX_RENDITIONS) {
      return [{ ruleId: 'RENDITION', path: 'payload.renditions', message: `must be a list of at most ${MAX_RENDITIONS} renditions; none kept` }];
    }
    const warnings: AcknowledgementWarning[] = [];
    for (const [index, entry] of input.renditions.entries()) {
      const path = `payload.renditions[${index}]`;
      const problem = await this.keepOne(manager, input, entry);
      if (problem) warnings.push({ ruleId: 'RENDITION', path, message: `not kept: ${problem}` });
    }
    return warnings;
  }

  /**
   * For a partner that sends only a rendition and no record: the record read out of the first rendition
   * whose own signature holds against the issuer's anchors and whose content is exactly the record the
   * envelope names (its RFC 8785 form hashes to documentHash). Undefined when none does.
   */
  async recordFrom(manager: EntityManager, input: Omit<ReceivedRenditionsInput, 'record' | 'issueTime' | 'certificateId'>): Promise<{ document: Record<string, unknown>; problems: string[] } | { document: undefined; problems: string[] }> {
    const problems: string[] = [];
    if (!Array.isArray(input.renditions) || input.renditions.length > MAX_RENDITIONS) return { document: undefined, problems: ['payload.renditions is not a list of renditions'] };
    for (const [index, entry] of input.renditions.entries()) {
      const examined = await this.examine(manager, input.issuer, undefined, entry);
      if (typeof examined === 'string') {
        problems.push(`payload.renditions[${index}]: ${examined}`);
        continue;
      }
      if (examined.read.recordHash !== input.documentHash || sha256Hex(canonicalJson(examined.read.document)) !== input.documentHash) {
        problems.push(`payload.renditions[${index}]: it is not the record refersTo names`);
        continue;
      }
      return { document: examined.read.document, problems };
    }
    return { document: undefined, problems };
  }

  private async keepOne(manager: EntityManager, input: ReceivedRenditionsInput, entry: unknown): Promise<string | undefined> {
    const examined = await this.examine(manager, input.issuer, input.issueTime, entry);
    if (typeof examined === 'string') return examined;
    const { format, mediaType, bytes, kept, read } = examined;
    if (read.recordHash !== input.documentHash) return 'it does not state the hash of the record it came with';
    if (canonicalJson(read.document) !== canonicalJson(input.record)) return 'it does not read back as the record it came with';
    await manager
      .createQueryBuilder()
      .insert()
      .into(CertificateRenditionEntity)
      .values({ certificateId: input.certificateId, format, mediaType, document: bytes, signature: kept, recordHash: input.documentHash, signingKeyId: null })
      .orIgnore()
      .execute();
    return undefined;
  }

  /** A rendition whose own signature holds (judged at `issueTime`, else at the issue time it states), read into the dataset; or why not. */
  private async examine(
    manager: EntityManager,
    issuer: { id: string; code: string },
    issueTime: Date | undefined,
    entry: unknown,
  ): Promise<string | { format: RenditionFormat; mediaType: string; bytes: Buffer; kept: Buffer; read: { document: Record<string, unknown>; recordHash?: string } }> {
    const { mediaType, document, signature } = (entry ?? {}) as Record<string, unknown>;
    const format = typeof mediaType === 'string' ? renditionFormatOfMediaType(mediaType) : undefined;
    if (!format) return `mediaType ${String(mediaType).slice(0, 100)} is not a format the hub reads`;
    if (typeof document !== 'string' || !BASE64.test(document) || typeof signature !== 'string' || !BASE64.test(signature)) return 'document and signature must be base64';
    const bytes = Buffer.from(document, 'base64');
    const owner = { type: KeyOwnerType.AUTHORITY, authorityId: issuer.id, code: issuer.code } as const;
    const at = (read: { document: Record<string, unknown> }) => issueTime ?? new Date(String(read.document.issueDateTime));
    if (format === RenditionFormat.UBL) {
      const parsed = parseHostileXml(bytes);
      if (!parsed.ok) return parsed.problems.join('; ');
      // Verified and read from the same parsed tree: what is read is what the signature covers.
      const read = ublDocumentToDataset(parsed.document);
      if (!read.ok) return read.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
      const check = await this.signatures.verifyXml({ owner, document: parsed.document, isExpectedPlace: inUblSignatureExtension, issueTime: at(read) }, manager);
      if (!check.valid) return `its XML signature does not hold (${check.reasons.join('; ')})`;
      const kept = Buffer.from(/<ds:Signature[\s>][\s\S]*<\/ds:Signature>/.exec(bytes.toString('utf8'))?.[0] ?? '', 'utf8');
      return { format, mediaType: mediaType as string, bytes, kept, read };
    }
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      return 'it is not JSON';
    }
    const schema = edi3SchemaProblems(json);
    if (schema.length > 0) return `it breaks the edi3 schema (${schema.map((p) => `${p.path} ${p.message}`).join('; ')})`;
    const read = edi3ToDataset(json as Record<string, unknown>);
    if (!read.ok) return read.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    const cms = Buffer.from(signature, 'base64');
    const check = await this.signatures.verify({ owner, content: bytes, cmsDer: cms, issueTime: at(read) }, manager);
    if (!check.valid) return `its CMS signature does not hold (${check.reasons.join('; ')})`;
    return { format, mediaType: mediaType as string, bytes, kept: cms, read };
  }
}

import { SealedSecretColumns } from '../../core/secrets/sealed-secrets';
import type { PartnerEntity } from '../entities/partner.entity';
import { openPartnerSecret, sealPartnerSecret } from './partner-secret-box';

/** The rotation's part for partners: the bearer token this hub presents, opened and sealed again for the same partner. */
export const SEALED_OUTBOUND_TOKENS: SealedSecretColumns<PartnerEntity> = {
  label: 'outbound tokens',
  sealedProperty: 'outboundTokenSealed',
  keyIdProperty: 'outboundTokenMasterKeyId',
  reseal: (row, ring) => {
    const token = openPartnerSecret(row.outboundTokenSealed as Buffer, row.outboundTokenMasterKeyId, ring, row.code);
    const { sealed, keyId } = sealPartnerSecret(token, ring, row.code);
    return { outboundTokenSealed: sealed, outboundTokenMasterKeyId: keyId };
  },
};

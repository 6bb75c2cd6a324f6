import { buildCertificate } from '../../testing/build-certificate';
import type { IssuedDocument } from '../domain/ubl-certificate';

/** The shared sample as issued: every field the dataset has, so each adapter moves all of them. */
export function buildIssuedDocument(overrides: Partial<IssuedDocument> = {}): IssuedDocument {
  return {
    ...buildCertificate(),
    issuingAuthority: 'TH-DFT',
    issueDateTime: '2026-05-12T09:00:00.000Z',
    copyNumber: 0,
    issuedRetroactively: false,
    remarks: 'Shipped in two containers',
    exportDeclarationRef: 'A0012605120033',
    thirdPartyInvoicing: { party: { id: 'SG-UEN-201912345K', name: 'Lion Trading Pte. Ltd.', address: { line1: '1 Raffles Place', line2: '#20-01', city: 'Singapore', postcode: '048616', country: 'SG' } } },
    ...overrides,
  };
}

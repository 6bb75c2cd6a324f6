import { CertificateStatus } from '../../domain/certificate-status';
import { emptyBitstring, encodeList, withStatus } from './bitstring';
import { readCertificateCredential, readStatusListCredential, statusOfEntry } from './credential-reading';
import { MessageStatus, StatusPurpose, statusValue } from './credential-status';
import { certificateCredential, statusListCredential, statusListUrl } from './verifiable-credential';

const HUB = 'https://hub.example.org';
const record = { certificateNumber: 'KH-1', issuingAuthority: 'KH-MOC', items: [{ itemNumber: 1 }] };
const hash = 'ab'.repeat(32);

function credential(): Record<string, unknown> {
  return certificateCredential({
    certificateId: '00000000-0000-4000-8000-000000000001',
    record,
    recordHash: hash,
    recordUrl: `${HUB}/v1/certificates/x/document`,
    issuerId: 'urn:ecoo:authority:KH-MOC',
    issuerName: 'KH-MOC',
    validFrom: new Date('2026-12-01T00:00:00Z'),
    validUntil: new Date('2027-12-01T00:00:00Z'),
    status: [
      { purpose: StatusPurpose.REVOCATION, index: 5, listUrl: statusListUrl(HUB, 'KH-MOC', StatusPurpose.REVOCATION) },
      { purpose: StatusPurpose.MESSAGE, index: 9, listUrl: statusListUrl(HUB, 'KH-MOC', StatusPurpose.MESSAGE), referenceUrl: `${HUB}/v1/status-lists/KH-MOC/message/9` },
    ],
  });
}

describe('certificate credential: built and read back', () => {
  it('reads back the record, its hash, the validity and both status entries', () => {
    const read = readCertificateCredential(credential());
    expect(read).toEqual({
      ok: true,
      credential: {
        record,
        recordHash: hash,
        issuerId: 'urn:ecoo:authority:KH-MOC',
        validFrom: new Date('2026-12-01T00:00:00Z'),
        validUntil: new Date('2027-12-01T00:00:00Z'),
        status: [
          { purpose: 'revocation', index: 5, listUrl: `${HUB}/v1/status-lists/KH-MOC/revocation`, statusSize: 1 },
          { purpose: 'message', index: 9, listUrl: `${HUB}/v1/status-lists/KH-MOC/message`, statusSize: 2, referenceUrl: `${HUB}/v1/status-lists/KH-MOC/message/9` },
        ],
      },
    });
  });

  it('names every structural problem at once', () => {
    const bad = { ...credential(), '@context': ['https://www.w3.org/2018/credentials/v1'], validFrom: 'yesterday', credentialStatus: [{ type: 'StatusList2021Entry' }] };
    const read = readCertificateCredential(bad);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems).toEqual([
      '@context must begin with https://www.w3.org/ns/credentials/v2',
      'validFrom must be an XML Schema dateTimeStamp',
      'credentialStatus[0]: not a BitstringStatusListEntry',
    ]);
  });
});

describe('status list credential: what it says of an entry', () => {
  const listUrl = statusListUrl(HUB, 'KH-MOC', StatusPurpose.MESSAGE);
  const entry = { purpose: StatusPurpose.MESSAGE, index: 9, listUrl, statusSize: 2 };

  function list(bits: Buffer) {
    const read = readStatusListCredential(statusListCredential({ listUrl, nodeId: HUB, purpose: StatusPurpose.MESSAGE, encodedList: encodeList(bits), validFrom: new Date('2026-12-02T00:00:00Z') }));
    if (!read.ok) throw new Error(read.problems.join('; '));
    return read.list;
  }

  it('ISSUED, then REPLACED, as the message list holds them', () => {
    const empty = emptyBitstring(64, 2);
    expect(statusOfEntry(list(empty), entry)).toEqual({ value: 0, status: 'ISSUED' });
    expect(statusOfEntry(list(withStatus(empty, 9, 2, statusValue(StatusPurpose.MESSAGE, CertificateStatus.REPLACED))), entry)).toEqual({ value: MessageStatus.REPLACED, status: 'REPLACED' });
  });

  it('EXPIRED is not a status: an expired certificate stays ISSUED in the list (validUntil says it expired)', () => {
    expect(statusValue(StatusPurpose.MESSAGE, CertificateStatus.EXPIRED)).toBe(MessageStatus.ISSUED);
    expect(statusValue(StatusPurpose.REVOCATION, CertificateStatus.EXPIRED)).toBe(0);
    expect(statusValue(StatusPurpose.REVOCATION, CertificateStatus.CANCELLED)).toBe(1);
  });

  it('refuses to read an entry against another list', () => {
    const other = { ...entry, listUrl: statusListUrl(HUB, 'KH-OTHER', StatusPurpose.MESSAGE) };
    expect(statusOfEntry(list(emptyBitstring(64, 2)), other)).toEqual({ problem: `the list is ${listUrl}, the entry names ${other.listUrl}` });
  });
});

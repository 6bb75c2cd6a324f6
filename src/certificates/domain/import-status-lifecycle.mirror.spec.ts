import { ImportStatus } from './certificate-status';
import { mirrorImportStatus } from './import-status-lifecycle';

describe("import status: the issuer's copy", () => {
  it('follows a reported move the table allows from what it holds', () => {
    expect(mirrorImportStatus(ImportStatus.RECEIVED, { from: ImportStatus.RECEIVED, to: ImportStatus.ACCEPTED })).toEqual({ apply: true });
    expect(mirrorImportStatus(ImportStatus.DISPUTED, { from: ImportStatus.DISPUTED, to: ImportStatus.VERIFIED })).toEqual({ apply: true });
  });

  it('changes nothing for a repeat', () => {
    expect(mirrorImportStatus(ImportStatus.ACCEPTED, { from: ImportStatus.ACCEPTED, to: ImportStatus.ACCEPTED })).toEqual({ apply: false });
  });

  it('applies a dispute that overtook the acceptance, and then keeps the late acceptance unapplied with a warning', () => {
    expect(mirrorImportStatus(ImportStatus.RECEIVED, { from: ImportStatus.ACCEPTED, to: ImportStatus.DISPUTED })).toEqual({ apply: true });
    expect(mirrorImportStatus(ImportStatus.DISPUTED, { from: ImportStatus.RECEIVED, to: ImportStatus.ACCEPTED })).toEqual({
      apply: false,
      warning: 'importStatus RECEIVED -> ACCEPTED reported, but this hub holds DISPUTED; not applied',
    });
  });
});

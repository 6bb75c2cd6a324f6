import { validateCertificateShape } from '../validate-shape';
import { buildCertificate, TEST_NOW } from './build-certificate';

process.env.TZ = 'UTC';

describe('buildCertificate', () => {
  it('places the dates around the clock: shipped today, invoiced and declared the day before', () => {
    const doc = buildCertificate({}, { now: new Date('2027-03-01T23:30:00Z') });
    expect(doc.transport.departureDate).toBe('2027-03-01');
    expect(doc.invoices?.[0].date).toBe('2027-02-28');
    expect(doc.exporterDeclaration?.date).toBe('2027-02-28');
  });

  it('defaults to TEST_NOW and gives a shape-valid document', () => {
    expect(buildCertificate().transport.departureDate).toBe(TEST_NOW.toISOString().slice(0, 10));
    expect(validateCertificateShape(buildCertificate()).violations).toEqual([]);
  });

  it('replaces top-level fields and removes those overridden with undefined', () => {
    const doc = buildCertificate({ importCountry: 'JP', ucr: undefined });
    expect(doc.importCountry).toBe('JP');
    expect('ucr' in doc).toBe(false);
  });

  it('returns a fresh object each time', () => {
    const a = buildCertificate();
    a.items[0].hsCode = '000000';
    expect(buildCertificate().items[0].hsCode).toBe('081060');
  });
});

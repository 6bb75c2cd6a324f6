import { buildPrefill } from './declaration-prefill';

describe('prefill: the declaration fields a received certificate answers', () => {
  const document = {
    exportCountry: 'KH',
    exporter: { id: 'KH-TIN-1234567', name: 'Angkor Rice Export Co., Ltd.' },
    consignee: { id: 'JP-CN-1234567890123', name: 'Osaka Grain Trading K.K.' },
    items: [
      {
        itemNumber: 1,
        description: 'Jasmine rice, milled',
        hsCode: '1006.30',
        originCountry: 'KH',
        originCriterion: 'WO',
        quantity: { value: '25000', unit: 'KGM' },
        grossWeight: { value: '25250', unit: 'KGM' },
        fobValue: { amount: '21250.00', currency: 'USD' },
      },
    ],
  };

  it('gives a postable declaration draft, the supplier and what remains to claim', () => {
    const prefill = buildPrefill({
      certificateNumber: 'KH-RCEP-2026-0001',
      issuingAuthority: 'KH-MOC',
      ucr: '6KH1234567-A1',
      agreement: 'RCEP',
      preferential: true,
      document,
      balances: [{ itemNumber: 1, unit: 'KGM', issued: '25000', remaining: '4000' }],
    });
    expect(prefill).toEqual({
      declaration: {
        ucr: '6KH1234567-A1',
        certificateNumber: 'KH-RCEP-2026-0001',
        issuingAuthority: 'KH-MOC',
        agreement: 'RCEP',
        consignee: document.consignee,
        lines: [{ lineNumber: 1, certificateItemNumber: 1, hsCode: '100630', description: 'Jasmine rice, milled', originCountry: 'KH', quantity: { value: '25000', unit: 'KGM' }, preferenceClaimed: true }],
      },
      supplier: document.exporter,
      exportCountry: 'KH',
      items: [{ itemNumber: 1, originCriterion: 'WO', fobValue: { amount: '21250.00', currency: 'USD' }, grossWeight: { value: '25250', unit: 'KGM' }, remaining: { value: '4000', unit: 'KGM' } }],
    });
  });

  it('claims no preference from a non-preferential certificate', () => {
    const prefill = buildPrefill({ certificateNumber: 'KH-NP-1', issuingAuthority: 'KH-MOC', ucr: null, agreement: null, preferential: false, document, balances: [] });
    expect(prefill.declaration).not.toHaveProperty('agreement');
    expect(prefill.declaration).not.toHaveProperty('ucr');
    expect(prefill.declaration.lines[0].preferenceClaimed).toBe(false);
  });
});

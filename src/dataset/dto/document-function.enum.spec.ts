import { DOCUMENT_FUNCTION_EDIFACT_1225, DocumentFunction, documentFunctionFromEdifact1225 } from './document-function.enum';

describe('DocumentFunction', () => {
  it('maps to UN/EDIFACT 1225 codes 9, 5, 1 and 7', () => {
    expect(DOCUMENT_FUNCTION_EDIFACT_1225).toEqual({ ORIGINAL: '9', REPLACEMENT: '5', CANCELLATION: '1', DUPLICATE: '7' });
  });

  it('maps codes back, and knows no other', () => {
    expect(documentFunctionFromEdifact1225('7')).toBe(DocumentFunction.DUPLICATE);
    expect(documentFunctionFromEdifact1225('31')).toBeUndefined();
  });
});

import { defineRule } from './certificate-rule';

/** CO-B2B-002: the original proof of a preferential back-to-back certificate was issued in a Party to the agreement. */
export const backToBackOriginalPartyRule = defineRule({
  id: 'CO-B2B-002',
  severity: 'error',
  title: 'A back-to-back original comes from a Party',
  check(doc, ctx, at) {
    const parties = ctx.profile?.parties;
    const country = doc.backToBack?.originalIssuingCountry;
    if (!doc.preferential || !ctx.profile?.preferential || !parties || !country || parties.includes(country)) return [];
    return [at('backToBack.originalIssuingCountry', `${country} is not a Party to ${ctx.profile.code}`)];
  },
});

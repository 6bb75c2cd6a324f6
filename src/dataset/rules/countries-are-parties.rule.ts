import { defineRule } from './certificate-rule';

/** CO-AGR-003: the countries of export and of import are both Parties to the agreement. */
export const countriesArePartiesRule = defineRule({
  id: 'CO-AGR-003',
  severity: 'error',
  title: 'Export and import countries are Parties to the agreement',
  check(doc, ctx, at) {
    const parties = ctx.profile?.parties;
    if (!parties) return [];
    return (['exportCountry', 'importCountry'] as const)
      .filter((field) => !parties.includes(doc[field]))
      .map((field) => at(field, `${doc[field]} is not a Party to ${ctx.profile?.code}`));
  },
});

/**
 * The four-eyes rule, an authority setting: the officer who last changed an application's data may
 * not approve it. It compares officers (persons), never API keys: one officer holding two keys is
 * still one person.
 */
export function fourEyesRefusal(input: { enabled: boolean; approvingOfficer: string; lastChangedByOfficer: string | null }): string | undefined {
  if (!input.enabled || input.lastChangedByOfficer === null) return undefined;
  if (input.approvingOfficer !== input.lastChangedByOfficer) return undefined;
  return `officer ${input.approvingOfficer} last changed this application's data, so another officer must approve it (four eyes)`;
}

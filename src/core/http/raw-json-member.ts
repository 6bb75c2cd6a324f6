/**
 * A JSON answer one of whose members is JSON text already: a jsonb column as PostgreSQL wrote it
 * (`column::text`), sent as it came. Under GET of a certificate, parsing its document from the row
 * and writing it out again for the answer were 5.5% and about 2% of the API process's CPU (perf,
 * issue 14). The text must come from the hub's own database, never from a caller: it is written into
 * the answer unread. PostgreSQL writes jsonb as standard JSON (RFC 8259), with a space after each
 * colon and comma, and a number in plain digits where JSON.stringify would use an exponent (1e+21 as
 * 1000000000000000000000): the member reads as the same values, its text differs in those two ways.
 */
export class JsonWithRawMember {
  private constructor(readonly json: string) {}

  /**
   * `value` as JSON with `member` set to `rawJson` (last among the members; JSON's members have no
   * order a reader may rely on). A member of that name in `value` is replaced.
   */
  static of(value: object, member: string, rawJson: string | null): JsonWithRawMember {
    const rest = JSON.stringify({ ...value, [member]: undefined });
    const separator = rest === '{}' ? '' : ',';
    return new JsonWithRawMember(`${rest.slice(0, -1)}${separator}${JSON.stringify(member)}:${rawJson ?? 'null'}}`);
  }
}

/** Fastify's reply serializer for the hub: JSON.stringify, except an answer whose JSON is already made. */
export function serializeReply(payload: unknown): string {
  return payload instanceof JsonWithRawMember ? payload.json : JSON.stringify(payload);
}

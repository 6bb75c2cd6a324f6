/**
 * How this hub authenticates to a partner. A client certificate (mutual TLS) is the other option
 * the exchange profile names; it needs the pki module's keys and is not offered yet.
 */
export enum OutboundAuthType {
  BEARER = 'BEARER',
  NONE = 'NONE',
}

import { EDI3_MEDIA_TYPE } from './domain/edi3-certificate';
import { UBL_MEDIA_TYPE } from './domain/ubl-certificate';

/** The formats a certificate is rendered in besides its record (README, "Formats at the edge"). */
export enum RenditionFormat {
  UBL = 'ubl',
  EDI3 = 'edi3',
  /** A W3C Verifiable Credential (VC Data Model 2.0) secured as VC-JOSE: a compact JWS, typ vc+jwt. */
  VC = 'vc',
}

/**
 * The formats a partner may ask for beside the record (its registration's renditions). A credential is
 * for holders and verifiers outside the exchange: it does not travel in envelopes.
 */
export const PARTNER_RENDITION_FORMATS: readonly RenditionFormat[] = [RenditionFormat.UBL, RenditionFormat.EDI3];

export const RENDITION_MEDIA_TYPE: Readonly<Record<RenditionFormat, string>> = {
  [RenditionFormat.UBL]: UBL_MEDIA_TYPE,
  [RenditionFormat.EDI3]: EDI3_MEDIA_TYPE,
  [RenditionFormat.VC]: 'application/vc+jwt',
};

/** The media type of a rendition's signature: the XML-DSig element (UBL), the detached CMS (edi3), the compact JWS itself (vc). */
export const RENDITION_SIGNATURE_MEDIA_TYPE: Readonly<Record<RenditionFormat, string>> = {
  [RenditionFormat.UBL]: 'application/xml',
  [RenditionFormat.EDI3]: 'application/pkcs7-signature',
  [RenditionFormat.VC]: 'application/vc+jwt',
};

export function renditionFormatOf(value: string): RenditionFormat | undefined {
  return (Object.values(RenditionFormat) as string[]).includes(value) ? (value as RenditionFormat) : undefined;
}

/** A format partners exchange, by its media type (payload.renditions[].mediaType). */
export function renditionFormatOfMediaType(mediaType: string): RenditionFormat | undefined {
  return PARTNER_RENDITION_FORMATS.find((format) => RENDITION_MEDIA_TYPE[format] === mediaType);
}

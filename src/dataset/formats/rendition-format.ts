import { EDI3_MEDIA_TYPE } from './domain/edi3-certificate';
import { UBL_MEDIA_TYPE } from './domain/ubl-certificate';

/** The formats a certificate is rendered in besides its record (README, "Formats at the edge"). */
export enum RenditionFormat {
  UBL = 'ubl',
  EDI3 = 'edi3',
}

export const RENDITION_MEDIA_TYPE: Readonly<Record<RenditionFormat, string>> = {
  [RenditionFormat.UBL]: UBL_MEDIA_TYPE,
  [RenditionFormat.EDI3]: EDI3_MEDIA_TYPE,
};

/** The media type of a rendition's signature: the XML-DSig element (UBL), the detached CMS (edi3). */
export const RENDITION_SIGNATURE_MEDIA_TYPE: Readonly<Record<RenditionFormat, string>> = {
  [RenditionFormat.UBL]: 'application/xml',
  [RenditionFormat.EDI3]: 'application/pkcs7-signature',
};

export function renditionFormatOf(value: string): RenditionFormat | undefined {
  return (Object.values(RenditionFormat) as string[]).includes(value) ? (value as RenditionFormat) : undefined;
}

export function renditionFormatOfMediaType(mediaType: string): RenditionFormat | undefined {
  return (Object.entries(RENDITION_MEDIA_TYPE) as Array<[RenditionFormat, string]>).find(([, type]) => type === mediaType)?.[0];
}

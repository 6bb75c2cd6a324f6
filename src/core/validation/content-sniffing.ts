// The first bytes of the file types the hub accepts as uploads (verification case attachments,
// supporting documents of applications): PDF "%PDF-" (ISO 32000-1 section 7.5.2), the PNG signature
// (RFC 2083 section 3.1), JPEG's SOI marker followed by a marker (ITU-T T.81 annex B).
const PDF = '%PDF-';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the bytes look like the declared type, so a renamed executable is not filed as a PDF.
 * A type not listed here matches nothing; each feature decides which of these it allows.
 */
export function bytesMatchType(contentType: string, bytes: Buffer): boolean {
  switch (contentType) {
    case 'application/pdf':
      return bytes.subarray(0, PDF.length).toString('latin1') === PDF;
    case 'image/png':
      return bytes.subarray(0, PNG.length).equals(PNG);
    case 'image/jpeg':
      return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
    case 'application/xml':
      return isUtf8Text(bytes) && bytes.toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('<');
    case 'text/plain':
    case 'text/csv':
      return isUtf8Text(bytes);
    default:
      return false;
  }
}

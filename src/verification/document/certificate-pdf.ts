import type PdfKit from 'pdfkit';

// The printable certificate: the dataset fields laid out like a paper certificate of origin, with a
// QR code of its public verification page, its document hash and its signature status. The standard
// PDF fonts cover Latin text (WinAnsi); other scripts need an embedded font (not done yet).

export interface PdfCertificate {
  certificateNumber: string;
  copyNumber: number;
  issuingAuthority: string;
  documentFunction: string;
  status: string;
  issueDateTime: string | null;
  expiresAt: string | null;
  documentHash: string | null;
  document: Record<string, unknown>;
}

export interface PdfInput {
  certificate: PdfCertificate;
  // The public verification page; null for a certificate without a token.
  verificationUrl: string | null;
  /** The QR code's modules (QRCode.create), drawn as vector squares: nothing to encode or decode as an image. */
  qr: QrModules | null;
  /** The issuing body's certification: its signature over the document. */
  signatureStatus: string;
  /** The exporter's declaration: its own signature, or how it was made without one. */
  exporterSignatureStatus: string;
  generatedAt: Date;
}

type Json = Record<string, unknown>;

/** A QR code's dark modules, row by row (`data[row * size + col]` is 1 where dark): qrcode's BitMatrix. */
export interface QrModules {
  size: number;
  data: Uint8Array;
}

/**
 * pdfkit with its fonts and their decoders (fontkit, brotli, ...): some hundreds of modules that
 * only a PDF needs, loaded by the first PDF rather than by every process at start.
 */
function pdfKit(): typeof PdfKit {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return require('pdfkit') as typeof PdfKit;
}

const MARGIN = 40;
const GREY = '#52606d';
const LINE = '#9aa5b1';

const obj = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(obj) : []);
const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

function partyLines(party: unknown): string {
  const p = obj(party);
  const a = obj(p.address);
  return [text(p.name), text(a.line1), text(a.line2), [text(a.postcode), text(a.city)].filter(Boolean).join(' '), text(a.subdivision), text(a.country), p.id ? `ID ${text(p.id)}` : '']
    .filter(Boolean)
    .join('\n');
}

function measure(value: unknown): string {
  const m = obj(value);
  return m.value === undefined ? '' : `${text(m.value)} ${text(m.unit)}`;
}

function hsCode(code: unknown): string {
  const s = text(code);
  return /^\d{6}$/.test(s) ? `${s.slice(0, 4)}.${s.slice(4)}` : s;
}

export function renderCertificatePdf(input: PdfInput): Promise<Buffer> {
  const c = input.certificate;
  const d = c.document;
  const pdf = new (pdfKit())({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `Certificate of origin ${c.certificateNumber}`, Author: c.issuingAuthority, Subject: 'Electronic certificate of origin', CreationDate: input.generatedAt },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const width = pdf.page.width - 2 * MARGIN;
  const qrSize = 118;

  // Header, with the QR code at the top right.
  if (input.qr) {
    drawQr(pdf, input.qr, MARGIN + width - qrSize, MARGIN, qrSize);
    pdf.fontSize(7).fillColor(GREY).text('Scan to verify', MARGIN + width - qrSize, MARGIN + qrSize + 2, { width: qrSize, align: 'center' });
  }
  const headWidth = width - qrSize - 16;
  pdf.fillColor('black').font('Helvetica-Bold').fontSize(18).text('CERTIFICATE OF ORIGIN', MARGIN, MARGIN, { width: headWidth });
  const agreement = d.preferential ? `Preferential, ${text(d.agreement)}${d.formType ? ` (form ${text(d.formType)})` : ''}` : 'Non-preferential';
  pdf.font('Helvetica').fontSize(10).fillColor(GREY).text(agreement, { width: headWidth }).moveDown(0.5);
  pdf.fillColor('black');
  const facts: [string, string][] = [
    ['Certificate No.', c.copyNumber > 0 ? `${c.certificateNumber} (certified true copy ${c.copyNumber})` : c.certificateNumber],
    ['Issuing authority', c.issuingAuthority],
    ['Issued', c.issueDateTime ? `${c.issueDateTime.replace('T', ' ').slice(0, 16)} UTC at ${text(d.issuePlace)}` : 'not issued'],
    ['Function / status', `${c.documentFunction}${d.replacesCertificateNumber ? ` of ${text(d.replacesCertificateNumber)}` : ''} / ${c.status}`],
    ['Valid until', c.expiresAt ? c.expiresAt.slice(0, 10) : 'no expiry'],
    ['Countries', `${text(d.exportCountry)} (export) to ${text(d.importCountry)} (import)`],
  ];
  for (const [label, value] of facts) keyValue(pdf, label, value, headWidth);
  pdf.y = Math.max(pdf.y, MARGIN + qrSize + 14) + 8;

  // Parties and transport, two columns.
  const half = (width - 12) / 2;
  const producer = d.producerDisclosure ? 'Available on request' : partyLines(d.producer);
  boxes(pdf, [
    ['1. Exporter', partyLines(d.exporter)],
    ['2. Consignee', partyLines(d.consignee) || 'Not stated'],
  ], half);
  const t = obj(d.transport);
  const transport = [
    t.departureDate ? `Departure ${text(t.departureDate)}` : '',
    t.modeCode ? `Mode ${text(t.modeCode)}${t.meansName ? `, ${text(t.meansName)}` : ''}` : '',
    t.loadingPort ? `From ${text(t.loadingPort)}` : '',
    t.dischargePort ? `To ${text(t.dischargePort)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const invoices = list(d.invoices).map((i) => `${text(i.number)} of ${text(i.date)}`).join('\n');
  boxes(pdf, [
    ['3. Producer', producer || 'Not stated'],
    ['4. Transport', transport || 'Not stated'],
  ], half);
  boxes(pdf, [
    ['5. Invoices', invoices || 'None'],
    ['6. Remarks', [d.ucr ? `UCR ${text(d.ucr)}` : '', d.issuedRetroactively ? 'Issued retroactively' : '', text(d.remarks)].filter(Boolean).join('\n') || 'None'],
  ], half);

  itemsTable(pdf, list(d.items), width);

  const declaration = obj(d.exporterDeclaration);
  const certification = obj(d.certification);
  boxes(pdf, [
    ['Declaration by the exporter', [text(declaration.statement), [text(declaration.place), text(declaration.date)].filter(Boolean).join(', '), text(declaration.signatoryName)].filter(Boolean).join('\n') || 'Not stated'],
    ['Certification', [`Certified electronically by ${c.issuingAuthority}`, text(certification.place), text(certification.officerName)].filter(Boolean).join('\n')],
  ], half);

  // The electronic evidence.
  ensureSpace(pdf, 90);
  pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(9).text('Electronic record', MARGIN);
  pdf.font('Helvetica').fontSize(8).text(`Document hash (SHA-256 of the RFC 8785 form): `, { continued: true }).font('Courier').text(c.documentHash ?? 'none');
  pdf.font('Helvetica').text(`Signature of the issuing authority: ${input.signatureStatus}`);
  pdf.text(`Signature of the exporter: ${input.exporterSignatureStatus}`);
  pdf.text(input.verificationUrl ? `Verify: ${input.verificationUrl}` : 'This certificate has no public verification page.');
  pdf.fillColor(GREY).text(`Printed ${input.generatedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC from the e-CoO exchange hub. The electronic record prevails over this print.`);
  pdf.end();
  return done;
}

/**
 * The QR code as vector squares on a white ground with a quiet zone of 2 modules (ISO/IEC 18004
 * asks for 4; 2 is what scanners read on a white page, and what the hub's codes always had). Each
 * run of dark modules in a row is one rectangle, filled together: sharp at any zoom or print size,
 * and no PNG to encode and decode again for every PDF.
 */
function drawQr(pdf: PDFKit.PDFDocument, qr: QrModules, x: number, y: number, size: number): void {
  const quiet = 2;
  const module = size / (qr.size + 2 * quiet);
  pdf.save().rect(x, y, size, size).fill('white');
  for (let row = 0; row < qr.size; row += 1) {
    let col = 0;
    while (col < qr.size) {
      if (!qr.data[row * qr.size + col]) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < qr.size && qr.data[row * qr.size + col]) col += 1;
      pdf.rect(x + (quiet + start) * module, y + (quiet + row) * module, (col - start) * module, module);
    }
  }
  pdf.fill('black').restore();
}

function keyValue(pdf: PDFKit.PDFDocument, label: string, value: string, width: number): void {
  const y = pdf.y;
  pdf.font('Helvetica').fontSize(8).fillColor(GREY).text(label, MARGIN, y, { width: 90 });
  pdf.font('Helvetica-Bold').fontSize(9).fillColor('black').text(value, MARGIN + 92, y, { width: width - 92 });
  pdf.y = Math.max(pdf.y, y + 12);
}

function ensureSpace(pdf: PDFKit.PDFDocument, height: number): void {
  if (pdf.y + height > pdf.page.height - MARGIN) pdf.addPage();
}

/** A row of labelled boxes side by side, as tall as the tallest. */
function boxes(pdf: PDFKit.PDFDocument, cells: [string, string][], cellWidth: number): void {
  pdf.font('Helvetica').fontSize(8.5);
  const heights = cells.map(([, body]) => pdf.heightOfString(body || ' ', { width: cellWidth - 12 }));
  const height = Math.max(...heights) + 24;
  ensureSpace(pdf, height + 6);
  const top = pdf.y;
  cells.forEach(([label, body], index) => {
    const x = MARGIN + index * (cellWidth + 12);
    pdf.lineWidth(0.5).strokeColor(LINE).rect(x, top, cellWidth, height).stroke();
    pdf.font('Helvetica-Bold').fontSize(8).fillColor(GREY).text(label, x + 6, top + 5, { width: cellWidth - 12 });
    pdf.font('Helvetica').fontSize(8.5).fillColor('black').text(body || ' ', x + 6, top + 17, { width: cellWidth - 12 });
  });
  pdf.x = MARGIN;
  pdf.y = top + height + 6;
}

const COLUMNS: { title: string; share: number; cell: (item: Json) => string }[] = [
  { title: 'Item', share: 0.05, cell: (i) => text(i.itemNumber) },
  { title: 'Marks and numbers', share: 0.13, cell: (i) => text(i.marksAndNumbers) },
  { title: 'Packages', share: 0.1, cell: (i) => [text(i.packageCount), text(i.packageType)].filter(Boolean).join(' ') },
  { title: 'Description of goods', share: 0.24, cell: (i) => text(i.description) },
  { title: 'HS code', share: 0.09, cell: (i) => hsCode(i.hsCode) },
  { title: 'Origin', share: 0.1, cell: (i) => [text(i.originCountry), text(i.originCriterion)].filter(Boolean).join(' ') },
  { title: 'Quantity / gross weight', share: 0.13, cell: (i) => [measure(i.quantity), measure(i.grossWeight)].filter(Boolean).join('\n') },
  { title: 'Invoice / FOB', share: 0.16, cell: (i) => [text(i.invoiceNumber), i.fobValue ? `${text(obj(i.fobValue).amount)} ${text(obj(i.fobValue).currency)}` : ''].filter(Boolean).join('\n') },
];

function itemsTable(pdf: PDFKit.PDFDocument, items: Json[], width: number): void {
  const widths = COLUMNS.map((column) => column.share * width);
  const row = (cells: string[], bold: boolean): void => {
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(bold ? 7.5 : 8);
    const height = Math.max(...cells.map((cell, i) => pdf.heightOfString(cell || ' ', { width: widths[i] - 6 }))) + 8;
    ensureSpace(pdf, height);
    const top = pdf.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      pdf.fillColor(bold ? GREY : 'black').text(cell || ' ', x + 3, top + 4, { width: widths[i] - 6 });
      x += widths[i];
    });
    pdf.lineWidth(0.5).strokeColor(LINE).moveTo(MARGIN, top + height).lineTo(MARGIN + width, top + height).stroke();
    pdf.x = MARGIN;
    pdf.y = top + height;
  };
  ensureSpace(pdf, 40);
  pdf.font('Helvetica-Bold').fontSize(9).fillColor('black').text('7. Goods', MARGIN, pdf.y + 2);
  pdf.moveDown(0.2);
  row(COLUMNS.map((column) => column.title), true);
  for (const item of items) row(COLUMNS.map((column) => column.cell(item)), false);
  pdf.y += 8;
}

import { Verdict } from '../../verify/domain/verification-codes';
import { escapeHtml, page } from './html';

export interface PageSummary {
  certificateNumber: string;
  copyNumber: number;
  issuingAuthority: string;
  issueDateTime: string | null;
  exportCountry: string;
  importCountry: string;
  hsCodes: string[];
  status: string;
}

export interface VerificationPageModel {
  verdict: Verdict;
  summary: PageSummary;
  verifiedAt: string;
}

const VERDICT_TEXT: Record<Verdict, string> = {
  [Verdict.VALID]: 'This certificate is genuine and in force: its signature checks out against its issuing authority, and it is not cancelled, replaced or expired.',
  [Verdict.INVALID]: 'Do not rely on this certificate: it is not genuine, or it is no longer in force.',
  [Verdict.UNKNOWN]: 'This certificate could not be confirmed. Ask the issuing authority before relying on it.',
};

const STATUS_TEXT: Record<string, string> = {
  ISSUED: 'Issued',
  CANCELLED: 'Cancelled by the issuing authority',
  REPLACED: 'Replaced by another certificate',
  EXPIRED: 'Expired',
};

function row(label: string, value: string, id: string): string {
  return `<div><dt>${escapeHtml(label)}</dt><dd id="${id}">${escapeHtml(value)}</dd></div>`;
}

function hsCode(code: string): string {
  return /^\d{6}$/.test(code) ? `${code.slice(0, 4)}.${code.slice(4)}` : code;
}

/** The public verification page: the verdict and the summary RCEP Article 3.17 allows, nothing about the parties. */
export function renderVerificationPage(model: VerificationPageModel): string {
  const s = model.summary;
  const number = s.copyNumber > 0 ? `${s.certificateNumber} (certified true copy ${s.copyNumber})` : s.certificateNumber;
  const body = `<header>Certificate of origin verification</header>
<h1>Certificate ${escapeHtml(number)}</h1>
<section class="verdict ${model.verdict}" id="verdict" data-verdict="${model.verdict}">
<strong>${model.verdict}</strong>
<p>${escapeHtml(VERDICT_TEXT[model.verdict])}</p>
</section>
<dl>
${row('Certificate number', s.certificateNumber, 'certificate-number')}
${row('Issuing authority', s.issuingAuthority, 'issuing-authority')}
${row('Issued', s.issueDateTime ? s.issueDateTime.slice(0, 10) : 'not recorded', 'issue-date')}
${row('Exporting country', s.exportCountry, 'export-country')}
${row('Importing country', s.importCountry, 'import-country')}
${row('HS codes', s.hsCodes.map(hsCode).join(', ') || 'none', 'hs-codes')}
${row('Status', STATUS_TEXT[s.status] ?? s.status, 'status')}
</dl>
<footer>Checked ${escapeHtml(model.verifiedAt.replace('T', ' ').slice(0, 19))} UTC by the e-CoO exchange hub. The parties to the certificate are not shown here; importing customs verify it in full through the hub.</footer>`;
  return page(`${s.certificateNumber}: ${model.verdict}`, body);
}

/** An answer other than a verdict (no such page, too many requests, an error): still a page, for a phone. */
export function renderMessagePage(status: number, title: string, message: string): string {
  const body = `<header>Certificate of origin verification</header>
<h1>${escapeHtml(title)}</h1>
<section class="verdict ERROR" id="verdict" data-status="${status}">
<strong>${escapeHtml(title)}</strong>
<p>${escapeHtml(message)}</p>
</section>`;
  return page(title, body);
}

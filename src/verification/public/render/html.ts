const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content or a quoted attribute: every value shown on a page goes through this. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// No script, no external resource: the page reads on any phone, and a strict CSP holds it to that.
export const PAGE_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  // The token in the address is the key to the page: do not hand it to other sites.
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1d2733;background:#f3f5f8}
main{max-width:40rem;margin:0 auto;padding:1rem}
header{font-size:.85rem;color:#52606d;letter-spacing:.02em;text-transform:uppercase}
h1{font-size:1.35rem;margin:.25rem 0 1rem}
.verdict{border-radius:.75rem;padding:1rem 1.25rem;margin:0 0 1rem;color:#fff}
.verdict strong{display:block;font-size:1.6rem;letter-spacing:.04em}
.verdict p{margin:.25rem 0 0}
.VALID{background:#1b7f3b}.INVALID{background:#b3261e}.UNKNOWN{background:#8a5a00}.ERROR{background:#52606d}
dl{background:#fff;border-radius:.75rem;padding:.5rem 1.25rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
dl div{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;padding:.6rem 0;border-bottom:1px solid #e4e7eb}
dl div:last-child{border-bottom:0}
dt{color:#52606d}dd{margin:0;font-weight:600;word-break:break-word}
footer{font-size:.8rem;color:#52606d}
`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

import { createHash } from 'node:crypto';
import { escapeHtml as e } from './html';
import { PAGE_STYLE } from './page-style';

// Posts the token as JSON to /ops/session, which opens a session and answers with an HttpOnly cookie
// naming it: the token never appears in a URL (access logs, history, Referer) or in a cookie.
export const LOGIN_SCRIPT = `document.getElementById('login').addEventListener('submit',async function(ev){ev.preventDefault();var t=document.getElementById('token').value;var r=await fetch('/ops/session',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({token:t}),credentials:'same-origin'});if(r.status===204){location.reload();}else{document.getElementById('status').textContent=r.status===429?'Too many attempts from this address: try again later.':'That is not the operator token.';}});`;

/** The CSP source allowing exactly the script above and nothing else. */
export const LOGIN_SCRIPT_HASH = `'sha256-${createHash('sha256').update(LOGIN_SCRIPT).digest('base64')}'`;

/** What a browser without the operator credential gets: a form for the operator token (or a refusal). */
export function renderLoginPage(message: string, withForm: boolean): string {
  const form = withForm
    ? `<form id="login"><label>Operator token <input id="token" type="password" autocomplete="current-password" required></label> <button type="submit">Sign in</button></form><p id="status" class="note"></p><script>${LOGIN_SCRIPT}</script>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Exchange analytics - e-CoO hub</title><style>${PAGE_STYLE}</style></head>
<body><header><h1>Exchange analytics</h1></header><main><p>${e(message)}</p>${form}</main></body></html>`;
}

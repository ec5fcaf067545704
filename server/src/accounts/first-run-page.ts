import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { MIN_PASSWORD_LENGTH } from './password.ts';

/**
 * `GET /setup`: where the first-run link lands (`/setup#code=…`). A plain page rather than a screen
 * of the PWA: it is used once, before any tablet exists, and like /setup/ca it must work without
 * the client build. The code stays in the fragment (never sent in a URL, log or Referer); the
 * script posts it with the first admin's email and password to `POST /api/setup`. No inline
 * script: the page runs under the same CSP as the app.
 */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Printfloor — first admin</title>
<style>body{font:18px/1.4 system-ui,sans-serif;max-width:560px;margin:0 auto;padding:16px;color:#0b0f17}
label{display:block;margin:.8em 0 .2em;font-weight:700}input{font:inherit;width:100%;padding:10px;box-sizing:border-box}
button{margin-top:1em;padding:14px 22px;background:#c2410c;color:#fff;font:inherit;font-weight:800;border:0;border-radius:10px}
#msg{margin-top:1em}</style></head>
<body><h1>Create the first admin</h1>
<p>This one-time link makes the first administrator of this Printfloor server. It stops working once used.</p>
<form id="setup"><label for="email">Email</label><input id="email" type="email" autocomplete="username" required>
<label for="password">Password (at least ${MIN_PASSWORD_LENGTH} characters)</label>
<input id="password" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
<label for="again">Password again</label><input id="again" type="password" autocomplete="new-password" required>
<button type="submit">Create admin</button></form><p id="msg" role="status"></p>
<script type="module" src="/setup/first-run.js"></script></body></html>`;

const SCRIPT = `const form = document.getElementById('setup');
const msg = document.getElementById('msg');
const code = new URLSearchParams(location.hash.slice(1)).get('code');
if (!code) msg.textContent = 'This link has no setup code: copy the whole link the server printed.';
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const email = document.getElementById('email').value;
  const password = document.getElementById('password').value;
  if (password !== document.getElementById('again').value) { msg.textContent = 'The two passwords differ.'; return; }
  const res = await fetch('/api/setup', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, email, password }) });
  const body = await res.json().catch(() => ({}));
  if (res.ok) { history.replaceState(null, '', '/setup'); form.hidden = true;
    msg.textContent = 'Done: you are signed in as ' + body.user.email + ' (admin). Open the manager view at /manage.'; }
  else msg.textContent = (body.error && body.error.message) || 'Setup failed (' + res.status + ').';
});
`;

export function firstRunPageRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.html(PAGE);
  });
  app.get('/first-run.js', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.body(SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' });
  });
  return app;
}

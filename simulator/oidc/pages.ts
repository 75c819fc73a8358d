// The OpenID Provider's pages: sign-in, sign-out, signed out and errors. Plain HTML forms with no
// script and nothing from another origin.

/** No script, nothing loaded, never framed (the sign-in form is never shown in the renewal iframe:
 *  prompt=none answers without it). Form targets are not limited: after sign-in the provider
 *  redirects to the panel. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1b1f24; }
  main { max-width: 22rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 0.5rem;
         box-shadow: 0 1px 3px rgb(0 0 0 / 0.15); }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  label { display: block; margin: 1rem 0 0.25rem; font-weight: 600; }
  input { box-sizing: border-box; width: 100%; padding: 0.5rem; font-size: 1rem; }
  button { margin-top: 1.5rem; margin-right: 0.5rem; padding: 0.5rem 1.25rem; font-size: 1rem; }
  .error { color: #a4001d; font-weight: 600; }
  .note { color: #57606a; font-size: 0.875rem; }
`

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`
}

export interface SignInPage {
  /** Where the form posts. */
  action: string
  /** The client asking, shown to the user. */
  clientId: string
  /** What the user typed last time (a wrong password keeps it). */
  username?: string
  error?: string
}

export function signInPage(options: SignInPage): string {
  const error = options.error
    ? `<p class="error" role="alert" id="sign-in-error">${escapeHtml(options.error)}</p>`
    : ''
  return page(
    'Sign in - attendant service simulator',
    `<h1>Sign in</h1>
<p>to <strong>${escapeHtml(options.clientId)}</strong></p>
${error}<form method="post" action="${escapeHtml(options.action)}">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required autofocus value="${escapeHtml(options.username ?? '')}"${options.error ? ' aria-describedby="sign-in-error"' : ''}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<p class="note">Attendant service simulator: test users only (agent, supervisor; the password is the user name).</p>`,
  )
}

/** oidc-provider's logout confirmation: `form` is its own form element (hidden inputs, id
 *  op.logoutForm), which the buttons submit. */
export function signOutPage(form: string): string {
  return page(
    'Sign out - attendant service simulator',
    `<h1>Sign out?</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>`,
  )
}

export function signedOutPage(): string {
  return page(
    'Signed out - attendant service simulator',
    '<h1>Signed out</h1>\n<p>You have signed out of the attendant service simulator.</p>',
  )
}

export function errorPage(error: string, description: string | undefined): string {
  return page(
    'Sign-in error - attendant service simulator',
    `<h1>Sign-in error</h1>
<p class="error" role="alert">${escapeHtml(error)}</p>
${description ? `<p>${escapeHtml(description)}</p>` : ''}`,
  )
}

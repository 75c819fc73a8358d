import { createElement } from 'react'
import type { createRoot } from 'react-dom/client'
import { setAccessToken } from '../app/access-token.ts'
import type { PanelConfig } from '../app/config.ts'
import type { RuntimeOverrides } from '../app/runtime.ts'
import { chooseLanguage, loadMessages, setMessages, t } from '../i18n/messages.ts'
import { reportConfigWarnings } from '../lib/config-read.ts'
import { readAuthConfig, type AuthConfig } from './auth-config.ts'
import { AuthBar } from './auth-bar.tsx'
import { AuthSession, type SignInManager } from './session.ts'

// With `auth` in config.json, src/main.tsx hands the start of the panel to this chunk: it signs
// the user in, then starts the panel at the address first asked for, with a REST client that
// tells the session of every 401 (a fetch of its own) (the token goes to REST and the hub through access-token.ts).

export interface StartSignInOptions {
  /** The page's window (tests give their own). */
  window?: Window
  /** The UserManager (tests give a fake); default: oidc-client-ts's, loaded on demand. */
  createManager?: (auth: AuthConfig, location: Location) => SignInManager | Promise<SignInManager>
  fetch?: typeof fetch
}

/**
 * Signs in, then calls `start`. `render` is the entry's createRoot: imported here, react-dom/client
 * would move React out of the entry into a chunk of its own. Resolves with the session (undefined
 * when the panel signs in no one: `auth` refused, or framed by a host).
 */
export async function startSignIn(
  config: PanelConfig,
  start: (overrides?: RuntimeOverrides) => void,
  render: typeof createRoot,
  options: StartSignInOptions = {},
): Promise<AuthSession | undefined> {
  const win = options.window ?? window
  const warnings: string[] = []
  const auth = readAuthConfig(config.auth, win.location.pathname, warnings)
  reportConfigWarnings(warnings)
  // Framed by a host page (an agent desktop): the host signs in and hands its token over
  // (set-access-token, or window.recordingPanel.setAccessToken); the panel starts no sign-in of
  // its own. A provider's pages refuse to be framed anyway.
  if (!auth || win.parent !== win) {
    start()
    return undefined
  }
  const createManager =
    options.createManager ??
    (async (checked: AuthConfig, location: Location) =>
      (await import('./oidc-manager.ts')).createSignInManager(checked, location))
  const manager = await createManager(auth, win.location)
  const session = new AuthSession({
    manager,
    window: win,
    setAccessToken,
    onRestored: () => followLanguage(config, win),
  })
  const element = win.document.createElement('div')
  win.document.getElementById('root')?.before(element)
  render(element).render(createElement(AuthBar, { session }))
  const doFetch = options.fetch ?? win.fetch.bind(win)
  const reportingFetch: typeof fetch = async (input, init) => {
    const response = await doFetch(input, init)
    if (response.status === 401) {
      const sent = /^Bearer (.+)$/.exec(new Headers(init?.headers).get('Authorization') ?? '')
      session.tokenRefused(sent?.[1], response.headers.get('WWW-Authenticate'))
    }
    return response
  }
  // The hub's own HTTP requests (negotiate, long polling) use the page's fetch, taken when its
  // connection is built (once signed in): its 401s are told to the session as REST's are.
  win.fetch = reportingFetch
  await session.begin(() => start({ fetch: reportingFetch }))
  return session
}

/**
 * The language of the address restored after the provider's round trip: src/main.tsx chose one
 * from the provider's answer, which has no lang=. Loaded as at start, when it differs.
 */
async function followLanguage(config: PanelConfig, win: Window): Promise<void> {
  const { documentElement } = win.document
  const language = chooseLanguage(win.location.search, config.language, [documentElement.lang])
  if (language === documentElement.lang) return
  setMessages(await loadMessages(language))
  documentElement.lang = language
  win.document.title = t('panelTitle')
}
// The entry calls it by this name: `startSignIn` spelled out there, and in the chunk's file name,
// would cost the first paint's bundle bytes it does not have.
export { startSignIn as default }

import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app.tsx'
import { fetchConfig, readConfig } from './app/config.ts'
import { parseRoute, type Route } from './app/route.ts'
import { createRuntime, type RuntimeOverrides } from './app/runtime.ts'
import { chooseLanguage, loadMessages, setMessages, t } from './i18n/messages.ts'
import './index.css'

// config.json and the message catalog load side by side, before the first render: the catalog of
// lang= or the browser's language at once; config.json's `language` may then ask for the other
// one (only when the address has no lang=).
// No top-level await: with one, the bundler must move every module the lazy chunks share with
// this entry into a chunk of its own, and the glue between them costs the first paint 2.5 KB.
const { search } = location
const early = chooseLanguage(search, 0, navigator.languages)
Promise.all([loadMessages(early), fetchConfig()])
  .then(async ([messages, source]) => {
    // (with no lang=, `early` is the browser's choice)
    const language = chooseLanguage(
      search,
      (source as { body?: { language?: unknown } }).body?.language,
      [early],
    )
    setMessages(language == early ? messages : await loadMessages(language))
    document.documentElement.lang = language
    document.title = t('panelTitle')
    const loaded = readConfig(source)
    // Starts the panel (with `auth`, once signed in: the sign-in gives it its REST client).
    const start = (overrides?: RuntimeOverrides) => {
      const runtime = createRuntime(loaded.config, overrides)
      const root = createRoot(document.getElementById('root')!)
      const show = (route: Route) => {
        if (route.view !== 'start') runtime.live.start()
        root.render(
          <StrictMode>
            <App
              runtime={runtime}
              route={route}
              config={loaded.config}
              configWarnings={loaded.warnings}
            />
          </StrictMode>,
        )
      }
      show(parseRoute(location.search, loaded.config))
      // Host pages (the embedding contract): after the first paint, in a chunk of its own.
      import('./embed/embed-bridge.ts').then(
        (bridge) =>
          bridge.startEmbedBridge({ config: loaded.config, show, hubState: runtime.live.getState }),
        console.warn,
      )
    }
    // With `auth`, the sign-in (src/auth/start.ts: startSignIn, a chunk of its own) starts the
    // panel once signed in.
    return loaded.config.auth
      ? import('./auth/start.ts').then((auth) => auth.default(loaded.config, start, createRoot))
      : start()
  })
  .catch((error: unknown) => {
    // The panel's own files could not be loaded (a deployment or network problem): the page says
    // so in the words index.html carries for this, never a blank page.
    console.error(error)
    document
      .getElementById('root')!
      .replaceChildren((document.getElementById('load-failed') as HTMLTemplateElement).content)
  })

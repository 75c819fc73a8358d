import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app.tsx'
import { fetchConfig, readConfig } from './app/config.ts'
import { parseRoute, type Route } from './app/route.ts'
import { createRuntime } from './app/runtime.ts'
import { loadMessages, setMessages } from './i18n/messages.ts'
import './index.css'

// config.json and the message catalog load side by side, before the first render.
// No top-level await: with one, the bundler must move every module the lazy chunks share with
// this entry into a chunk of its own, and the glue between them costs the first paint 2.5 KB.
Promise.all([loadMessages(), fetchConfig()]).then(
  ([messages, source]) => {
    setMessages(messages)
    const loaded = readConfig(source)
    const route = parseRoute(window.location.search, loaded.config)
    const runtime = createRuntime(loaded.config)
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
    show(route)
    // Host pages (the embedding contract): after the first paint, in a chunk of its own.
    import('./embed/embed-bridge.ts').then(
      ({ startEmbedBridge }) =>
        startEmbedBridge({ config: loaded.config, show, hubState: runtime.live.getState }),
      console.warn,
    )
  },
  (error: unknown) => {
    // The panel's own files could not be loaded (a deployment or network problem): the page says
    // so in the words index.html carries for this, never a blank page.
    console.error(error)
    const failed = document.getElementById('load-failed') as HTMLTemplateElement | null
    if (failed) document.getElementById('root')!.replaceChildren(failed.content.cloneNode(true))
  },
)

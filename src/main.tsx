import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app.tsx'
import { createRuntime } from './app/runtime.ts'
import { loadConfig } from './app/config.ts'
import { parseRoute } from './app/route.ts'
import './index.css'

// No top-level await: with one, the bundler must move every module the lazy chunks share with
// this entry into a chunk of its own, and the glue between them costs the first paint 2.5 KB.
void loadConfig().then((loaded) => {
  const route = parseRoute(window.location.search, loaded.config)
  const runtime = createRuntime(loaded.config)
  if (route.view !== 'start') runtime.live.start()
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App
        runtime={runtime}
        route={route}
        config={loaded.config}
        configWarnings={loaded.warnings}
      />
    </StrictMode>,
  )
})

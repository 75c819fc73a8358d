import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app.tsx'
import { createRuntime } from './app/runtime.ts'
import { loadConfig } from './app/config.ts'
import { parseRoute } from './app/route.ts'
import './index.css'

const loaded = await loadConfig()
const route = parseRoute(window.location.search, loaded.config)
const runtime = createRuntime(loaded.config)
if (route.view !== 'start') runtime.live.start()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App runtime={runtime} route={route} config={loaded.config} configWarnings={loaded.warnings} />
  </StrictMode>,
)

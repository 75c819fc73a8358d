import { QueryClientProvider } from '@tanstack/react-query'
import { lazy, Suspense, type ReactNode } from 'react'
import { ApiProvider } from '../api/api-context.tsx'
import { CallPanel } from '../features/call-recording/call-panel.tsx'
import { LiveProvider } from '../live/live-context.tsx'
import type { PanelConfig } from './config.ts'
import { ErrorBoundary } from './error-boundary.tsx'
import { t } from '../i18n/messages.ts'
import { useAfterPaint } from '../lib/after-paint.ts'
import type { Route } from './route.ts'
import type { Runtime } from './runtime.ts'

// The start page and the board are chunks of their own: the agent view never downloads them (nor
// the board's virtualiser), which keeps its first paint within the bundle budget.
const StartPage = lazy(() =>
  import('../features/call-recording/start-page.tsx').then((module) => ({
    default: module.StartPage,
  })),
)
const SupervisorBoard = lazy(() =>
  import('../features/supervisor-board/board-entry.tsx').then((module) => ({
    default: module.BoardFromAddress,
  })),
)

export interface AppProps {
  runtime: Runtime
  route: Route
  config: PanelConfig
  configWarnings: string[]
}

const loadConfigWarnings = () => import('./config-warnings.tsx')

export function App({ runtime, route, config, configWarnings }: AppProps) {
  const warnings = useAfterPaint(loadConfigWarnings)
  return (
    <ErrorBoundary>
      <RuntimeProviders runtime={runtime}>
        {warnings && warnings !== 'failed' && <warnings.ConfigWarnings warnings={configWarnings} />}
        <View route={route} config={config} />
      </RuntimeProviders>
    </ErrorBoundary>
  )
}

/** The runtime's singletons, for every view (and for component tests, with fakes inside). */
export function RuntimeProviders({ runtime, children }: { runtime: Runtime; children: ReactNode }) {
  return (
    <QueryClientProvider client={runtime.queryClient}>
      <ApiProvider api={runtime.api}>
        <LiveProvider live={runtime.live}>{children}</LiveProvider>
      </ApiProvider>
    </QueryClientProvider>
  )
}

function View({ route, config }: { route: Route; config: PanelConfig }) {
  const loading = (
    <p className="p-3" role="status">
      {t('loading')}
    </p>
  )
  switch (route.view) {
    case 'agent':
      return (
        <CallPanel
          // Another call is another panel: nothing of the last one's (its alerts, dialogs) stays.
          key={`${route.uccName}/${route.correlationId}`}
          call={{ uccName: route.uccName, correlationId: route.correlationId }}
          requesterSipUri={route.agentSipUri}
          pauseAlertSeconds={config.pauseAlertSeconds}
          pauseConfig={config.pause}
        />
      )
    case 'start':
      return (
        <Suspense fallback={loading}>
          <StartPage
            uccName={route.uccName}
            agentSipUri={route.agentSipUri}
            problems={route.problems}
          />
        </Suspense>
      )
    case 'board':
      return (
        <Suspense fallback={loading}>
          <SupervisorBoard route={route} config={config} />
        </Suspense>
      )
  }
}

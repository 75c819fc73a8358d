import { QueryClientProvider } from '@tanstack/react-query'
import { lazy, Suspense, type ReactNode } from 'react'
import { ApiProvider } from '../api/api-context.tsx'
import { Alert } from '../components/ui/alert.tsx'
import { CallPanel } from '../features/call-recording/call-panel.tsx'
import { LiveProvider } from '../live/live-context.tsx'
import { pausePolicies, policyFor } from '../recording-state/pause-policy.ts'
import type { PanelConfig } from './config.ts'
import { ErrorBoundary } from './error-boundary.tsx'
import { t } from '../i18n/messages.ts'
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

export function App({ runtime, route, config, configWarnings }: AppProps) {
  return (
    <ErrorBoundary>
      <RuntimeProviders runtime={runtime}>
        {configWarnings.length > 0 && <ConfigWarnings warnings={configWarnings} />}
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
  switch (route.view) {
    case 'agent':
      return (
        <CallPanel
          call={{ uccName: route.uccName, correlationId: route.correlationId }}
          requesterSipUri={route.agentSipUri}
          pauseAlertSeconds={config.pauseAlertSeconds}
          policy={policyFor(pausePolicies(config), route.uccName)}
          ledgerRetentionDays={config.ledgerRetentionDays}
        />
      )
    case 'start':
      return (
        <Suspense fallback={<Loading what={t('loadingStart')} />}>
          <StartPage
            uccName={route.uccName}
            agentSipUri={route.agentSipUri}
            problems={route.problems}
          />
        </Suspense>
      )
    case 'board':
      return (
        <Suspense fallback={<Loading what={t('loadingBoard')} />}>
          <SupervisorBoard route={route} config={config} />
        </Suspense>
      )
  }
}

function Loading({ what }: { what: string }) {
  return (
    <p className="p-3" role="status">
      {t('loading', what)}
    </p>
  )
}

function ConfigWarnings({ warnings }: { warnings: string[] }) {
  return (
    <Alert
      tone="warning"
      role="status"
      banner
      data-testid="config-warning"
      title={t('configTitle')}
      items={warnings}
    />
  )
}

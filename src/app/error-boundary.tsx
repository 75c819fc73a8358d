import { Component, type ErrorInfo, type ReactNode } from 'react'
import { t } from '../i18n/messages.ts'

/** The last line of defence: never a blank screen, always what happened and what to do. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null }

  static getDerivedStateFromError(error: Error) {
    return { error }
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Recording panel failed', error, info.componentStack)
  }

  render() {
    if (!this.state.error) return this.props.children
    return (
      <main role="alert" className="p-4">
        <h1 className="text-lg font-bold">{t('crashTitle')}</h1>
        <p className="mt-2 font-semibold">{t('crashNotConfirmed')}</p>
        <p className="mt-2">{t('crashWhat')}</p>
        <pre className="mt-2 text-sm break-words whitespace-pre-wrap">
          {this.state.error.message}
        </pre>
        <button type="button" className="mt-3 underline" onClick={() => window.location.reload()}>
          {t('reload')}
        </button>
      </main>
    )
  }
}

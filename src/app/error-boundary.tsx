import { Component, type ErrorInfo, type ReactNode } from 'react'

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
        <h1 className="text-lg font-bold">The recording panel stopped working</h1>
        <p className="mt-2 font-semibold">
          Recording state not confirmed — do not take card details.
        </p>
        <p className="mt-2">
          Reload the page. If this happens again, tell your administrator what it says below.
        </p>
        <pre className="mt-2 text-sm break-words whitespace-pre-wrap">
          {this.state.error.message}
        </pre>
        <button type="button" className="mt-3 underline" onClick={() => window.location.reload()}>
          Reload
        </button>
      </main>
    )
  }
}

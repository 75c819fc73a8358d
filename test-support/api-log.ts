// The REST exchanges of one or more pages with the attendant service, in the order they happened,
// for the pause guard's end-to-end tests: which POSTs a page sent (action, requester) and what each
// state read answered, with one sequence across every page watched. Each request passes through a
// Playwright route: a read's answer is noted before the page gets it, a POST when the page sends
// it, so "the page read Paused, then sent Start" can be told from the order alone.
import type { Page, Route } from '@playwright/test'
import { RecordingAction, RecordingState } from '../protocol/wire.ts'

export interface ApiExchange {
  /** Order across every watched page: a read when its answer was had, a POST when it was sent. */
  seq: number
  /** Date.now() in the test when it was noted. */
  at: number
  /** The watched page's label. */
  page: string
  kind: 'read' | 'set' | 'capabilities'
  /** The call it concerns (lowercased), for reads and POSTs. */
  correlationId: string | null
  /** POST: the action by name (Start, Pause, …), and who asked for it. */
  action?: string
  requester?: string
  /** The answer's status; for a POST, set once answered. */
  status?: number
  /** A read's answer: the recorder's state by name, or the ErrorMessage's text. */
  recordingState?: string
  errorMessage?: string
}

const ACTION_NAMES = new Map<number, string>(
  Object.entries(RecordingAction).map(([name, value]) => [value, name]),
)
const STATE_NAMES = new Map<number, string>(
  Object.entries(RecordingState).map(([name, value]) => [value, name]),
)

function actionName(value: unknown): string {
  if (typeof value === 'number') return ACTION_NAMES.get(value) ?? String(value)
  return String(value)
}

/** A read's answer, leniently: RecordingState as a number or a name, an ErrorMessage's text. */
function readAnswer(text: string): Pick<ApiExchange, 'recordingState' | 'errorMessage'> {
  try {
    const body = JSON.parse(text) as Record<string, unknown>
    const error = body.ErrorMessage as { Message?: unknown } | null | undefined
    const state = body.RecordingState
    return {
      recordingState:
        typeof state === 'number' ? (STATE_NAMES.get(state) ?? String(state)) : String(state),
      ...(error && typeof error.Message === 'string' ? { errorMessage: error.Message } : {}),
    }
  } catch {
    return { errorMessage: text.slice(0, 200) }
  }
}

export class ApiLog {
  readonly exchanges: ApiExchange[] = []
  private seq = 0

  /** Notes every REST request of `page` from now on (set up before it loads what it must note). */
  async watch(page: Page, label = 'page'): Promise<void> {
    await page.route('**/attendantservice/api/**', (route) => this.pass(route, label))
  }

  /** The POSTs, in order, optionally of one action only. */
  posts(action?: string): ApiExchange[] {
    return this.exchanges.filter(
      (exchange) => exchange.kind === 'set' && (!action || exchange.action === action),
    )
  }

  /** The state reads, in order. */
  reads(): ApiExchange[] {
    return this.exchanges.filter((exchange) => exchange.kind === 'read')
  }

  /** The reads a page had answered between two points of the sequence (exclusive). */
  readsBetween(afterSeq: number, beforeSeq: number, page?: string): ApiExchange[] {
    return this.reads().filter(
      (read) => read.seq > afterSeq && read.seq < beforeSeq && (!page || read.page === page),
    )
  }

  private note(exchange: Omit<ApiExchange, 'seq' | 'at'>): ApiExchange {
    const noted = { ...exchange, seq: (this.seq += 1), at: Date.now() }
    this.exchanges.push(noted)
    return noted
  }

  private async pass(route: Route, label: string): Promise<void> {
    const request = route.request()
    const path = new URL(request.url()).pathname
    if (request.method() === 'POST' && path.endsWith('/set')) {
      let body: Record<string, unknown> = {}
      try {
        body = JSON.parse(request.postData() ?? '{}') as Record<string, unknown>
      } catch {
        // noted without its fields
      }
      const exchange = this.note({
        page: label,
        kind: 'set',
        correlationId:
          typeof body.CorrelationId === 'string' ? body.CorrelationId.toLowerCase() : null,
        action: actionName(body.Action),
        requester: String(body.RequesterSipUri ?? ''),
      })
      await this.forward(route, (status) => (exchange.status = status))
      return
    }
    const capabilities = path.includes('/capabilities/')
    await this.forward(route, (status, text) => {
      this.note({
        page: label,
        kind: capabilities ? 'capabilities' : 'read',
        correlationId: capabilities ? null : (path.split('/').at(-1)?.toLowerCase() ?? null),
        status,
        ...(capabilities ? {} : readAnswer(text)),
      })
    })
  }

  /** Fetches the answer, lets `answered` see it, then gives it to the page. */
  private async forward(
    route: Route,
    answered: (status: number, text: string) => void,
  ): Promise<void> {
    let response: Awaited<ReturnType<Route['fetch']>>
    try {
      response = await route.fetch()
    } catch {
      // The page went away, or gave up on it.
      await route.abort().catch(() => {})
      return
    }
    answered(response.status(), await response.text().catch(() => ''))
    await route.fulfill({ response }).catch(() => {})
  }
}

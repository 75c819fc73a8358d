import type { Page } from '@playwright/test'

export interface ShownState {
  state: string | null
  stale: boolean
  /** performance.now() in the page when it was shown. */
  at: number
}

export interface FetchRecord {
  method: string
  url: string
  start: number
  end: number | null
}

declare global {
  interface Window {
    __shown: ShownState[]
    __fetches: FetchRecord[]
    /** Every value the hub-state element showed, in order. */
    __hubStates: string[]
  }
}

/**
 * Records, in the page, every value the recording-state element ever shows (a MutationObserver
 * sees each DOM change, however briefly it lasts) and when each fetch started and answered, so a
 * test can prove a state was never shown, or not shown before the server answered.
 */
export async function recordPage(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__shown = []
    window.__fetches = []
    window.__hubStates = []
    const originalFetch = window.fetch.bind(window)
    window.fetch = async (input, init) => {
      const record: FetchRecord = {
        method: (init?.method ?? 'GET').toUpperCase(),
        url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        start: performance.now(),
        end: null,
      }
      window.__fetches.push(record)
      try {
        const response = await originalFetch(input, init)
        // The body is what the panel acts on: the answer has arrived once it is read.
        const clone = response.clone()
        void clone.arrayBuffer().then(
          () => (record.end = performance.now()),
          () => (record.end = performance.now()),
        )
        return response
      } catch (error) {
        record.end = performance.now()
        throw error
      }
    }
    const note = () => {
      const element = document.querySelector('[data-testid="recording-state"]')
      const state = element?.getAttribute('data-state') ?? null
      const stale = element?.getAttribute('data-stale') === 'true'
      const last = window.__shown.at(-1)
      if (!last || last.state !== state || last.stale !== stale)
        window.__shown.push({ state, stale, at: performance.now() })
      const hubState = document
        .querySelector('[data-testid="hub-state"]')
        ?.getAttribute('data-state')
      if (hubState && window.__hubStates.at(-1) !== hubState) window.__hubStates.push(hubState)
    }
    new MutationObserver(note).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state', 'data-stale'],
    })
  })
}

export function shownStates(page: Page): Promise<ShownState[]> {
  return page.evaluate(() => window.__shown)
}

export function fetches(page: Page): Promise<FetchRecord[]> {
  return page.evaluate(() => window.__fetches)
}

export function hubStates(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__hubStates)
}

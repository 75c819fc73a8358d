// Functions written in TypeScript that run in the page, whichever tool compiled them.
import type { Page } from '@playwright/test'

/**
 * The source of a call of `fn(argument)`, to run in the page. tsx (esbuild's keepNames) wraps
 * named functions in `__name(…)`, which the page does not have: the call runs with a local
 * stand-in for it. (Playwright's own compiler, for the end-to-end tests, needs none; the stand-in
 * does no harm there.) `fn` must be self-contained: no imports, no closures.
 */
export function pageScript(source: string, argument: string): string {
  return `(() => { const __name = (target) => target; return (${source})(${argument}) })()`
}

/** Runs `fn(argument)` in the page (`argument` must survive JSON) and returns its result. */
export function inPage<A, R>(page: Page, fn: (argument: A) => R, argument: A): Promise<Awaited<R>> {
  return page.evaluate(
    pageScript(fn.toString(), JSON.stringify(argument) ?? 'undefined'),
  ) as Promise<Awaited<R>>
}

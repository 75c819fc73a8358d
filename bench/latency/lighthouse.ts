// Lighthouse (desktop) against one URL, in the system Chromium started by chrome-launcher with a
// remote-debugging port: scores for performance, accessibility and best practices, and the audits
// that cost points. Used by `npm run bench` (bench/latency.ts).
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import desktopConfig from 'lighthouse/core/config/desktop-config.js'
import { CHROMIUM_ARGS, chromiumPath } from '../harness.ts'

export const LIGHTHOUSE_CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const
export type LighthouseCategory = (typeof LIGHTHOUSE_CATEGORIES)[number]

export interface FailingAudit {
  id: string
  title: string
  /** 0–100, or undefined for a binary audit that failed. */
  score: number | undefined
  displayValue: string | undefined
  /** Its weight in the category score (0: shown, not scored). */
  weight: number
}

export interface LighthouseCategoryResult {
  /** 0–100; undefined when Lighthouse could not score it. */
  score: number | undefined
  failing: FailingAudit[]
}

export interface LighthouseOutcome {
  lighthouseVersion: string
  userAgent: string
  finalUrl: string | undefined
  runWarnings: string[]
  runtimeError: string | undefined
  categories: Record<LighthouseCategory, LighthouseCategoryResult>
  /** The performance metrics as measured (ms, CLS unitless). */
  metrics: Record<string, number | undefined>
}

const METRIC_AUDITS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
  'interactive',
] as const

/** Audits that are pass/fail or scored and came out below full marks (not "not applicable" or "informative"). */
function failingAudits(
  lhr: NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'],
  category: LighthouseCategory,
): FailingAudit[] {
  const refs = lhr.categories[category]?.auditRefs ?? []
  const failing: FailingAudit[] = []
  for (const ref of refs) {
    const audit = lhr.audits[ref.id]
    if (!audit || audit.score === null || audit.score >= 1) continue
    if (!['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode)) continue
    failing.push({
      id: audit.id,
      title: audit.title,
      score: audit.scoreDisplayMode === 'binary' ? undefined : Math.round(audit.score * 100),
      displayValue: audit.displayValue,
      weight: ref.weight,
    })
  }
  // What counts towards the score first.
  return failing.sort((a, b) => b.weight - a.weight)
}

export async function runLighthouse(url: string, timeoutMs: number): Promise<LighthouseOutcome> {
  const chromePath = chromiumPath()
  const chrome = await chromeLauncher.launch({
    ...(chromePath === undefined ? {} : { chromePath }),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', ...CHROMIUM_ARGS],
    logLevel: 'silent',
  })
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Lighthouse did not finish within ${timeoutMs / 1000} s`)),
        timeoutMs,
      )
    })
    const result = await Promise.race([
      lighthouse(
        url,
        {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...LIGHTHOUSE_CATEGORIES],
          formFactor: 'desktop',
          screenEmulation: {
            mobile: false,
            width: 1350,
            height: 940,
            deviceScaleFactor: 1,
            disabled: false,
          },
        },
        desktopConfig,
      ),
      timeout,
    ])
    if (!result) throw new Error('Lighthouse returned no result')
    const { lhr } = result
    const categories = Object.fromEntries(
      LIGHTHOUSE_CATEGORIES.map((id) => {
        const score = lhr.categories[id]?.score
        return [
          id,
          {
            score: typeof score === 'number' ? Math.round(score * 100) : undefined,
            failing: failingAudits(lhr, id),
          },
        ]
      }),
    ) as Record<LighthouseCategory, LighthouseCategoryResult>
    const metrics = Object.fromEntries(
      METRIC_AUDITS.map((id) => [id, lhr.audits[id]?.numericValue ?? undefined]),
    )
    return {
      lighthouseVersion: lhr.lighthouseVersion,
      userAgent: lhr.environment.hostUserAgent,
      finalUrl: lhr.finalDisplayedUrl,
      runWarnings: lhr.runWarnings.map(String),
      runtimeError: lhr.runtimeError
        ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}`
        : undefined,
      categories,
      metrics,
    }
  } finally {
    clearTimeout(timer)
    chrome.kill()
  }
}

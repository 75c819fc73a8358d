import { button, expect, test } from './fixtures.ts'

test('the panel runs under its Content-Security-Policy with no violation', async ({
  page,
  openCall,
}) => {
  await page.addInitScript(() => {
    const violations: string[] = []
    Object.assign(window, { __cspViolations: violations })
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    )
  })
  const response = await page.goto('/')
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
  await openCall()
  await button(page, 'Mark').click()
  await expect(page.getByTestId('marking-state')).toHaveAttribute('data-state', 'Mark')
  expect(
    await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
  ).toEqual([])
})

type Embedded = { recordingPanel?: { setAccessToken(token: string | undefined): void } }

test('an access token given by the embedding page is sent as a bearer token and kept in memory only', async ({
  page,
  openCall,
}) => {
  await openCall()
  await page.evaluate(() =>
    (window as Embedded).recordingPanel?.setAccessToken('token-not-to-store'),
  )
  const set = page.waitForRequest(
    (r) => r.method() === 'POST' && r.url().endsWith('/recording/set'),
  )
  await button(page, 'Mark').click()
  expect((await set).headers()['authorization']).toBe('Bearer token-not-to-store')
  await expect(page.getByTestId('marking-state')).toHaveAttribute('data-state', 'Mark')
  const stored = await page.evaluate(
    () =>
      JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
  )
  expect(stored).not.toContain('token-not-to-store')

  const read = page.waitForRequest(
    (r) => r.method() === 'GET' && r.url().includes('/api/recording/'),
  )
  await page.reload()
  expect((await read).headers()['authorization']).toBeUndefined()
})

// The browser's part in the OIDC test kit (oidc-test-kit.ts): the cookies it keeps for the
// provider, requests sent as it sends them without following redirects, and what a provider page
// says when the flow stops at one instead of coming back to the client.

/** The cookies a browser would keep for the provider (one origin, so paths are not told apart). */
export class CookieJar {
  private readonly cookies = new Map<string, string>()

  keep(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      const value = pair.slice(at + 1).trim()
      const expired = attributes.some((attribute) =>
        /^\s*expires=Thu, 01 Jan 1970/i.test(attribute),
      )
      if (value === '' || expired) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}

/** A GET or POST as a browser sends it: the jar's cookies, no redirect followed. */
export async function browse(
  jar: CookieJar,
  url: string,
  init: { method?: string; form?: Record<string, string> } = {},
): Promise<Response> {
  const response = await fetch(url, {
    method: init.method ?? (init.form ? 'POST' : 'GET'),
    redirect: 'manual',
    headers: {
      Cookie: jar.header(),
      ...(init.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
  })
  jar.keep(response)
  return response
}

/** The flow ended on one of the provider's pages (the sign-in form, or an error) instead of a
 *  redirect back to the client; the message has the page's text. */
export class FlowStopped extends Error {
  constructor(
    readonly status: number,
    readonly page: string,
  ) {
    super(`the flow stopped at a ${status} page: ${pageText(page)}`)
    this.name = 'FlowStopped'
  }
}

/** What a page's <main> says, without tags. */
export function pageText(page: string): string {
  const main = /<main>([\s\S]*)<\/main>/.exec(page)?.[1] ?? page
  return main
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

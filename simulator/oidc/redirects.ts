// Where the provider may send the browser back to: whole redirect URIs (that one only) or origins
// (any path there), since the panel's dev server and preview ports vary. Loopback hosts only, as
// the provider itself: its test users' codes and tokens never leave this machine.
import { isLoopback } from '../addresses.ts'

export interface Redirects {
  /** Whole URIs, matched exactly. */
  uris: string[]
  /** Lower-case origins: any URI there without a fragment. */
  origins: string[]
}

/** An origin has nothing after the authority, not even a slash: `http://localhost:5173`. */
const ORIGIN_ONLY = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+$/i

/** Why `value` cannot be a redirect URI or origin, or undefined when it can. */
export function redirectProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `'${value}' is not a URI like http://localhost:5173 or http://localhost:5173/callback.`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `'${value}' is not an http or https URI.`
  }
  if (url.hash !== '' || value.includes('#')) return `'${value}' may not have a fragment (#).`
  if (url.username !== '' || url.password !== '') return `'${value}' may not hold credentials.`
  if (!isLoopback(url.hostname)) {
    return `'${value}' is not on a loopback host (localhost, 127.0.0.1, [::1]): the provider's test users sign in on this machine only.`
  }
  return undefined
}

/** The entries sorted into URIs and origins; throws on the first that is neither. */
export function parseRedirects(values: readonly string[]): Redirects {
  const redirects: Redirects = { uris: [], origins: [] }
  for (const raw of values) {
    const value = raw.trim()
    const problem = redirectProblem(value)
    if (problem) throw new Error(problem)
    if (ORIGIN_ONLY.test(value)) redirects.origins.push(new URL(value).origin.toLowerCase())
    else redirects.uris.push(value)
  }
  return { uris: [...new Set(redirects.uris)], origins: [...new Set(redirects.origins)] }
}

/** The URI lies on one of the origins and has no fragment. */
export function onAllowedOrigin(value: string, origins: readonly string[]): boolean {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  return url.hash === '' && !value.includes('#') && origins.includes(url.origin.toLowerCase())
}

/** Every origin the redirects name: CORS for the token endpoint follows them. */
export function originsOf(redirects: Redirects): string[] {
  return [...redirects.origins, ...redirects.uris.map((uri) => new URL(uri).origin.toLowerCase())]
}

/** What the client's metadata lists: the URIs, and each origin's root as its stand-in. */
export function registeredUris(redirects: Redirects): string[] {
  return [...redirects.uris, ...redirects.origins.map((origin) => `${origin}/`)]
}

// The provider's interaction pages: the sign-in form (/interaction/{uid}, posting to
// /interaction/{uid}/login) and consent, which this client is given without asking.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type Provider from 'oidc-provider'
import { readBody, sendReply } from '../http.ts'
import { PAGE_CSP, errorPage, signInPage } from './pages.ts'
import { findUser } from './users.ts'

const LOGIN_BODY_LIMIT = 8 * 1024

export interface InteractionContext {
  provider: Provider
  clientId: string
  log: (line: string) => void
}

/** The uid and whether the sign-in form was posted, for an interaction path; else undefined. */
export function interactionRoute(pathname: string): { uid: string; login: boolean } | undefined {
  const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(pathname)
  return match?.[1] ? { uid: match[1], login: match[2] !== undefined } : undefined
}

function sendPage(res: ServerResponse, status: number, html: string): void {
  sendReply(res, {
    status,
    raw: html,
    contentType: 'text/html; charset=utf-8',
    headers: { 'Content-Security-Policy': PAGE_CSP, 'X-Content-Type-Options': 'nosniff' },
  })
}

/** Everything the consent prompt says is missing, granted: this is the service's own panel. */
async function grantMissing(
  provider: Provider,
  details: Awaited<ReturnType<Provider['interactionDetails']>>,
): Promise<string> {
  const { prompt, params, session, grantId } = details
  const existing = grantId ? await provider.Grant.find(grantId) : undefined
  const grant =
    existing ??
    new provider.Grant({ accountId: session?.accountId, clientId: String(params.client_id) })
  const missing = prompt.details as {
    missingOIDCScope?: string[]
    missingOIDCClaims?: string[]
    missingResourceScopes?: Record<string, string[]>
  }
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '))
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims)
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '))
  }
  return grant.save()
}

export async function handleInteraction(
  req: IncomingMessage,
  res: ServerResponse,
  route: { uid: string; login: boolean },
  context: InteractionContext,
): Promise<void> {
  const { provider } = context
  const method = req.method ?? 'GET'
  if ((route.login && method !== 'POST') || (!route.login && method !== 'GET')) {
    req.resume()
    return sendReply(res, {
      status: 405,
      raw: 'Method not allowed.',
      headers: { Allow: route.login ? 'POST' : 'GET' },
    })
  }
  let details: Awaited<ReturnType<Provider['interactionDetails']>>
  try {
    details = await provider.interactionDetails(req, res)
  } catch (error) {
    req.resume()
    const description = error instanceof Error ? error.message : String(error)
    return sendPage(res, 400, errorPage('This sign-in has expired or is not yours.', description))
  }
  if (details.uid !== route.uid) {
    req.resume()
    return sendPage(res, 400, errorPage('This sign-in is not the one under way.', undefined))
  }
  const action = `/interaction/${details.uid}/login`

  if (details.prompt.name === 'consent') {
    req.resume()
    const grantId = await grantMissing(provider, details)
    return provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    )
  }
  if (details.prompt.name !== 'login') {
    req.resume()
    return sendPage(res, 400, errorPage(`Unexpected prompt: ${details.prompt.name}`, undefined))
  }
  if (!route.login) {
    return sendPage(res, 200, signInPage({ action, clientId: context.clientId }))
  }

  const body = await readBody(req, res, LOGIN_BODY_LIMIT)
  if (!body.ok) return sendReply(res, body.reply)
  const form = new URLSearchParams(body.text)
  const username = form.get('username') ?? ''
  const user = findUser(username)
  if (!user || form.get('password') !== user.password) {
    context.log(`oidc: sign-in refused for '${username}'`)
    return sendPage(
      res,
      200,
      signInPage({
        action,
        clientId: context.clientId,
        username,
        error: 'Wrong username or password.',
      }),
    )
  }
  context.log(`oidc: ${user.sub} signed in`)
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.sub } },
    { mergeWithLastSubmission: false },
  )
}

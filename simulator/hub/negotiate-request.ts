import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Access } from './access.ts'
import { newId, withVerdict } from './access.ts'
import { answerJson, answerMethodNotAllowed, answerUnauthorized } from './http-answers.ts'
import { negotiateAnswer, negotiateVersionOf, publicHubUrl } from './negotiate.ts'
import type { Registry } from './registry.ts'

/** What negotiate needs from the hub around it. */
export interface NegotiateContext {
  /** The hub's path, for the redirect's URL. */
  path: string
  negotiateRedirect: boolean
  access: Access
  registry: Registry
  /** The hub is shutting down: 503. */
  closed(): boolean
  /** Negotiation refused for now (the control API's refuse-negotiation): 503. */
  refusing(): boolean
}

/** `POST {hub}/negotiate`: a new connection and its id and token, a redirect, or a refusal. A
 *  promise when the token is being verified. */
export function negotiate(
  context: NegotiateContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void | Promise<void> {
  if (req.method !== 'POST') return answerMethodNotAllowed(res, 'POST')
  req.resume()
  if (context.closed()) return answerJson(res, 503, { error: 'The hub is shutting down.' })
  if (context.refusing()) {
    return answerJson(res, 503, { error: 'The hub refuses new connections for now.' })
  }
  const { access } = context
  if (context.negotiateRedirect && !access.returnsFromRedirect(req, url)) {
    return withVerdict(access.checkBeforeRedirect(req, url), (verdict) => {
      if (!verdict.ok) return answerUnauthorized(res, verdict.challenge)
      const redirect = {
        url: publicHubUrl(req, url, context.path),
        accessToken: access.issueRedirectToken(),
      }
      answerJson(res, 200, redirect)
    })
  }
  return withVerdict(access.check(req, url), (verdict) => {
    if (!verdict.ok) return answerUnauthorized(res, verdict.challenge)
    if (context.closed()) return answerJson(res, 503, { error: 'The hub is shutting down.' })
    const version = negotiateVersionOf(url)
    const id = newId()
    const connection = context.registry.register(id, version === 0 ? id : newId())
    answerJson(res, 200, negotiateAnswer(connection.id, connection.token, version))
  })
}

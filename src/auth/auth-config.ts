import * as v from 'valibot'
import { t } from '../i18n/messages.ts'
import { isObject, must, readKeys, text } from '../lib/config-read.ts'

/** config.json's `auth`, checked: where and how the panel signs its user in (OpenID Connect). */
export interface AuthConfig {
  /** The OpenID Provider's issuer (discovery at `<authority>/.well-known/openid-configuration`). */
  authority: string
  clientId: string
  scope: string
  /** Where the provider sends the browser back to, on the panel's own origin. */
  redirectPath: string
}

/** A loopback host: the only one where a plain-http authority is allowed (a simulator, a lab). */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i

/**
 * An http(s) URL without user info, query or fragment (as config.ts's URLs), https unless on
 * loopback: tokens never cross a network in clear. (Checked here rather than with config.ts's
 * isHttpUrl: the first paint's chunk then exports nothing more for this one.)
 */
export function isAuthority(value: string): boolean {
  if (!/^https?:\/\/[^\s]+$/i.test(value)) return false
  try {
    const url = new URL(value)
    return (
      !url.username &&
      !url.password &&
      !url.search &&
      !url.hash &&
      (url.protocol === 'https:' || LOOPBACK.test(url.hostname))
    )
  } catch {
    return false
  }
}

/** A path on the panel's origin: `/`, then plain segments; no scheme, host, query or fragment. */
export function isRedirectPath(value: string): boolean {
  return value.length <= 500 && /^\/([\w.~!$&'()*+,;=@%-]+\/?)*$/.test(value)
}

/** Scope values (RFC 6749 §3.3: printable ASCII but `"` and `\`), one space apart, openid among them. */
export function isScope(value: string): boolean {
  return (
    value.length <= 500 &&
    /^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/.test(value) &&
    value.split(' ').includes('openid')
  )
}

/** A client id as providers issue them: 1–200 printable characters, no space. */
export function isClientId(value: string): boolean {
  return /^[\x21-\x7e]{1,200}$/.test(value)
}

// Plain v.check on text (config-read.ts's habit): no other valibot action reaches the first paint.
const AUTH_SCHEMAS = {
  authority: v.pipe(text, v.check(isAuthority, must('configMustBeAuthority'))),
  clientId: v.pipe(text, v.check(isClientId, must('configMustBeClientId'))),
  scope: v.pipe(text, v.check(isScope, must('configMustBeScope'))),
  redirectPath: v.pipe(text, v.check(isRedirectPath, must('configMustBeRedirectPath'))),
}

/**
 * `auth` from config.json, checked as every key is: a bad value is reported with its key and
 * sign-in stays off (the panel then works as without `auth`: with a host's token, if any). The
 * defaults: scope `openid profile`, redirectPath the panel's own path.
 */
export function readAuthConfig(
  raw: unknown,
  panelPath: string,
  warnings: string[],
): AuthConfig | undefined {
  if (raw === undefined) return undefined
  if (!isObject(raw)) {
    warnings.push(t('configBadKey', 'auth', t('configMustBeAuth')))
    return undefined
  }
  const read = readKeys(raw, AUTH_SCHEMAS, 'auth.', warnings) as Partial<AuthConfig>
  for (const key of ['authority', 'clientId'] as const) {
    if (raw[key] === undefined) warnings.push(t('configBadKey', `auth.${key}`, t('configRequired')))
  }
  const refused = Object.keys(AUTH_SCHEMAS).some((key) => key in raw && !(key in read))
  if (refused || !read.authority || !read.clientId) {
    warnings.push(t('authOff'))
    return undefined
  }
  return {
    authority: read.authority,
    clientId: read.clientId,
    scope: read.scope ?? 'openid profile',
    redirectPath: read.redirectPath ?? panelPath,
  }
}

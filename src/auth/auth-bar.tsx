import { useSyncExternalStore, type ReactNode } from 'react'
import { Alert } from '../components/ui/alert.tsx'
import { Button } from '../components/ui/button.tsx'
import { t } from '../i18n/messages.ts'
import type { AuthSession } from './session.ts'
import type { SignInProblem } from './sign-in-problem.ts'

/**
 * The sign-in's own strip above the panel: while signing in, why a sign-in failed, who is signed
 * in with Sign out, and the prompt to sign in again (the panel below stays as it is).
 */
export function AuthBar({ session }: { session: AuthSession }) {
  const status = useSyncExternalStore(session.subscribe, session.getStatus)
  switch (status.phase) {
    case 'signing-in':
      return (
        <p role="status" className="p-3" data-testid="signing-in">
          {t('authSigningIn')}
        </p>
      )
    case 'failed':
      return (
        <div className="p-3">
          <Problem problem={status.problem} testId="sign-in-failed">
            <Button className="mt-2" variant="primary" onClick={() => void session.redirect()}>
              {t('authTryAgain')}
            </Button>
          </Problem>
        </div>
      )
    case 'signed-out':
      return (
        <div className="p-3" data-testid="signed-out">
          <p role="status" className="font-bold">
            {t('authSignedOut')}
          </p>
          <Button className="mt-2" variant="primary" onClick={() => void session.redirect()}>
            {t('authSignIn')}
          </Button>
        </div>
      )
    case 'signed-in':
      return (
        <>
          <div className="flex flex-wrap items-center justify-end gap-x-2 px-3 pt-1 text-xs">
            <span data-testid="signed-in-as">{t('authSignedInAs', status.name)}</span>
            <Button compact busy={status.busy} onClick={() => void session.signOut()}>
              {t('authSignOut')}
            </Button>
          </div>
          {status.signOutProblem && (
            <div className="px-3 pt-1">
              <Problem
                problem={status.signOutProblem}
                title={t('authSignOutFailed')}
                testId="sign-out-failed"
              />
            </div>
          )}
          {status.prompt && (
            <div className="px-3 pt-1">
              <Problem problem={status.prompt} testId="sign-in-prompt" kept>
                <Button
                  className="mt-2"
                  variant="primary"
                  busy={status.busy}
                  onClick={() => void session.signInAgain()}
                >
                  {t('authSignInAgain')}
                </Button>
              </Problem>
            </div>
          )}
        </>
      )
  }
}

interface ProblemProps {
  problem: SignInProblem
  testId: string
  title?: string
  /** The panel below stays on screen meanwhile: say so. */
  kept?: boolean
  children?: ReactNode
}

/** What went wrong in plain words, then the provider's (or the service's) own, as text. */
function Problem({ problem, testId, title, kept = false, children }: ProblemProps) {
  const explanation = t('authProblemWhy', problem.kind)
  const said = [problem.error, problem.description].filter(Boolean).join(': ')
  return (
    <Alert
      tone="error"
      data-testid={testId}
      title={title ?? t('authProblemTitle', problem.kind)}
      explanation={kept ? `${explanation} ${t('authPromptKept')}` : explanation}
    >
      <div data-kind={problem.kind} data-error={problem.error}>
        {said && (
          <p className="mt-1">
            {t(problem.kind === 'rejected' ? 'authServiceSaid' : 'authProviderSaid')}
            <q className="font-mono">{said}</q>
          </p>
        )}
        {children}
      </div>
    </Alert>
  )
}

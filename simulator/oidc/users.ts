// The OpenID Provider's test users. Test-only: their passwords are in this file, the README and
// the banner, which is why --oidc never listens beyond loopback.

export interface TestUser {
  /** What the sign-in form takes. */
  username: string
  password: string
  /** The subject of their tokens: the SIP URI the recording API knows them by. */
  sub: string
  name: string
  email: string
}

export const TEST_USERS: readonly TestUser[] = [
  {
    username: 'agent',
    password: 'agent',
    sub: 'sip:agent@domain.com',
    name: 'Agent',
    email: 'agent@domain.com',
  },
  {
    username: 'supervisor',
    password: 'supervisor',
    sub: 'sip:supervisor@domain.com',
    name: 'Supervisor',
    email: 'supervisor@domain.com',
  },
]

/** A user by user name or subject (`agent` or `sip:agent@domain.com`), in any casing. */
export function findUser(nameOrSub: string): TestUser | undefined {
  const wanted = nameOrSub.trim().toLowerCase()
  return TEST_USERS.find((user) => user.username === wanted || user.sub.toLowerCase() === wanted)
}

import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import { en } from './i18n/en.ts'
import { setMessages } from './i18n/messages.ts'

afterEach(() => {
  cleanup()
})

// Component and unit tests speak English: the catalog a deployed panel loads before its first render.
setMessages(en)

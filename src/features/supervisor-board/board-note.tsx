import { useState } from 'react'
import { t } from '../../i18n/messages.ts'

const KEY = 'recording-board.note-open'

function readOpen(): boolean {
  try {
    return window.localStorage.getItem(KEY) !== 'false'
  } catch {
    return true
  }
}

function saveOpen(open: boolean): void {
  try {
    window.localStorage.setItem(KEY, String(open))
  } catch {
    // Storage refused: the choice lasts until the page is closed.
  }
}

/**
 * What the board can and cannot know, open until the supervisor folds it away (remembered in
 * this browser), so that the rows get the room once it has been read.
 */
export function BoardNote({ watching, kept }: { watching: string; kept: boolean }) {
  const [open, setOpen] = useState(readOpen)
  return (
    <details
      data-testid="board-note"
      open={open}
      onToggle={(event) => {
        const next = event.currentTarget.open
        if (next === open) return
        setOpen(next)
        saveOpen(next)
      }}
      className="max-w-4xl text-sm text-soft"
    >
      <summary className="w-fit cursor-pointer font-semibold">{t('boardNoteSummary')}</summary>
      <p className="mt-1">
        {t('boardNote', watching)} {kept ? t('boardNoteKept') : t('boardNoteIdsOnly')}
      </p>
    </details>
  )
}

/** A file to hand to the user. */
export interface DownloadFile {
  readonly name: string
  readonly type: string
  readonly text: string
}

export type Download = (file: DownloadFile) => void

/** Saves `file` through a Blob and an `<a download>` (no server round trip, nothing kept). */
export const downloadFile: Download = ({ name, type, text }) => {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.hidden = true
  document.body.append(link)
  try {
    link.click()
  } finally {
    link.remove()
    // After the click has started the download.
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
}

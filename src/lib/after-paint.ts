import { useEffect, useState } from 'react'

// Parts of a view its first paint does not need, loaded as it mounts: a module fetched once per
// page, then rendered when it is there. Unlike React.lazy and Suspense, the rest of the view
// commits (and starts its reads) without waiting for it.

const loaded = new Map<() => Promise<unknown>, Promise<unknown>>()

/** The module, once loaded; `null` until then; `'failed'` when it could not be loaded. */
export function useAfterPaint<M>(load: () => Promise<M>): M | null | 'failed' {
  const [module, setModule] = useState<M | null | 'failed'>(null)
  useEffect(() => {
    let current = true
    let promise = loaded.get(load) as Promise<M> | undefined
    if (!promise) {
      promise = load()
      loaded.set(load, promise)
    }
    promise.then(
      (value) => current && setModule(value),
      (error: unknown) => {
        loaded.delete(load)
        console.error(error)
        if (current) setModule('failed')
      },
    )
    return () => {
      current = false
    }
  }, [load])
  return module
}

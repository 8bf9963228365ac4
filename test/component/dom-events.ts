/** Events happy-dom cannot build with their data: the data is set on a plain event. */
export function withData<T extends Event>(event: T, data: Record<string, unknown>): T {
  for (const [key, value] of Object.entries(data)) Object.defineProperty(event, key, { value })
  return event
}

/** A paste of plain text on `target` (bubbles to the document like a real one). */
export function pasteText(target: EventTarget, text: string): Event {
  const event = withData(new Event('paste', { bubbles: true, cancelable: true }), {
    clipboardData: { getData: (type: string) => (type === 'text/plain' ? text : '') },
  })
  target.dispatchEvent(event)
  return event
}

/** A drop of files on `target`. */
export function dropFiles(target: EventTarget, files: readonly File[]): Event {
  const event = withData(new Event('drop', { bubbles: true, cancelable: true }), {
    dataTransfer: { files, types: ['Files'], dropEffect: 'none' },
  })
  target.dispatchEvent(event)
  return event
}

/** A file whose reported size is `size` bytes, without allocating them; `text` records reads. */
export function fileOfSize(name: string, size: number, content = ''): File & { readonly reads: number } {
  const file = new File([content], name)
  let reads = 0
  Object.defineProperty(file, 'size', { value: size })
  Object.defineProperty(file, 'text', { value: () => { reads += 1; return Promise.resolve(content) } })
  Object.defineProperty(file, 'reads', { get: () => reads })
  return file as File & { readonly reads: number }
}

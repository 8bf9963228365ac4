import { onActivated, onBeforeUnmount, onDeactivated, onMounted } from 'vue'

/** True for elements where Ctrl/Cmd+V should paste as usual. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement) return true
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type)
  }
  return target instanceof HTMLSelectElement
}

/**
 * Calls `handler` with the clipboard text of a paste that lands outside any text field,
 * while the calling view is on screen (also inside <KeepAlive>).
 */
export function usePasteOutsideFields(handler: (text: string) => void): void {
  function onPaste(event: ClipboardEvent): void {
    if (isTextField(event.target) || isTextField(document.activeElement)) return
    const text = event.clipboardData?.getData('text/plain') ?? ''
    if (text.trim() === '') return
    event.preventDefault()
    handler(text)
  }
  const start = (): void => document.addEventListener('paste', onPaste)
  const stop = (): void => document.removeEventListener('paste', onPaste)
  onMounted(start)
  onActivated(start)
  onDeactivated(stop)
  onBeforeUnmount(stop)
}

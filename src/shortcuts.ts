/** Shortcut text as the user's keyboard spells it: ⌘O on a Mac, Ctrl+O elsewhere. */
export function shortcutText(key: string): string {
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent)
  return mac ? `⌘${key}` : `Ctrl+${key}`
}

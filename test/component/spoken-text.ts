/**
 * The text a person reads from an element, without decorative icons (aria-hidden), with
 * whitespace collapsed.
 */
export function spokenText(target: Element | { readonly element: Element }): string {
  const element = target instanceof Element ? target : target.element
  const copy = element.cloneNode(true) as Element
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove()
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim()
}

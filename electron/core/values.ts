/** Small value helpers shared by the checks. Browser-safe: the renderer imports them too. */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * An input object's own member `name`, or undefined: never one its prototype carries. Claims,
 * extra values, visitors, samples, settings and key files are read through this, so that
 * `constructor`, `toString` or a polluted `Object.prototype` cannot stand in for what the input
 * left out. An own member named `__proto__` (as JSON.parse makes one) is read like any other.
 *
 * @example
 * ownMember({}, 'constructor') // undefined
 * ownMember(JSON.parse('{"__proto__": 1}'), '__proto__') // 1
 */
export function ownMember(object: object, name: string): unknown {
  return Object.hasOwn(object, name) ? (object as Record<string, unknown>)[name] : undefined
}

/**
 * Sets an own, enumerable member on a result built from input names. Unlike `target[name] = …`,
 * a name such as `__proto__` becomes a member, not the object's prototype.
 *
 * @example
 * const fields: Record<string, string> = {}
 * setOwnMember(fields, '__proto__', 'x') // Object.keys(fields) → ['__proto__']
 */
export function setOwnMember(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true })
}

/** A field value as text for display: strings as they are, anything else as JSON. */
export function displayValue(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === undefined) return ''
  return JSON.stringify(value) ?? String(value)
}

/**
 * HAR 1.2 files the capture tests build: entries with request URLs, form and JSON request bodies,
 * text and base64 response bodies, as Chrome and Firefox export them.
 */

export interface EntrySpec {
  readonly url: string
  readonly method?: string
  /** ISO 8601; the entry's `startedDateTime`. */
  readonly time: string
  readonly requestBody?: { readonly mimeType: string; readonly text?: string; readonly params?: readonly { name: string; value: string }[] }
  readonly response?: { readonly mimeType: string; readonly text: string; readonly base64?: boolean }
}

/** One entry with the members a browser writes (headers, timings, an initiator stack) around what matters. */
export function harEntry(spec: EntrySpec): Record<string, unknown> {
  const query = (() => {
    const at = spec.url.indexOf('?')
    if (at < 0) return []
    return spec.url.slice(at + 1).split('&').map((pair) => {
      const [name = '', value = ''] = pair.split('=')
      return { name, value }
    })
  })()
  return {
    _initiator: { type: 'script', stack: { callFrames: [{ functionName: 'load', url: 'https://www.example.com/app.js', lineNumber: 3, columnNumber: 14 }], parent: { description: 'Promise.then', callFrames: [] } } },
    _priority: 'High',
    cache: {},
    connection: '443',
    request: {
      method: spec.method ?? (spec.requestBody === undefined ? 'GET' : 'POST'),
      url: spec.url,
      httpVersion: 'http/2.0',
      headers: [{ name: 'accept', value: '*/*' }, { name: 'user-agent', value: 'Mozilla/5.0 (X11; Linux x86_64) "quoted" \\ slash' }],
      queryString: query,
      cookies: [],
      headersSize: -1,
      bodySize: spec.requestBody?.text?.length ?? 0,
      ...(spec.requestBody === undefined ? {} : { postData: { mimeType: spec.requestBody.mimeType, ...(spec.requestBody.text === undefined ? {} : { text: spec.requestBody.text }), ...(spec.requestBody.params === undefined ? {} : { params: spec.requestBody.params }) } }),
    },
    response: {
      status: 200,
      statusText: '',
      httpVersion: 'http/2.0',
      headers: [{ name: 'content-type', value: spec.response?.mimeType ?? 'text/plain' }],
      cookies: [],
      content: spec.response === undefined
        ? { size: 0, mimeType: 'text/plain' }
        : {
          size: spec.response.text.length,
          mimeType: spec.response.mimeType,
          text: spec.response.base64 === true ? Buffer.from(spec.response.text, 'utf8').toString('base64') : spec.response.text,
          ...(spec.response.base64 === true ? { encoding: 'base64' } : {}),
        },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      _transferSize: 1234,
    },
    serverIPAddress: '192.0.2.1',
    startedDateTime: spec.time,
    time: 12.5,
    timings: { blocked: 1, dns: -1, ssl: -1, connect: -1, send: 0.1, wait: 10, receive: 1.4 },
  }
}

/** A whole HAR file's text, pretty-printed as the developer tools export it. */
export function harText(entries: readonly Record<string, unknown>[]): string {
  return `${JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [{ startedDateTime: '2026-03-01T10:00:00.000Z', id: 'page_1', title: 'https://www.example.com/', pageTimings: {} }],
      entries,
    },
  }, null, 2)}\n`
}

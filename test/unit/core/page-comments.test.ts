import { describe, expect, it } from 'vitest'
import { commentedSpans, isInSpans } from '../../../electron/core/page-comments'

const commentedTexts = (text: string): string[] => commentedSpans(text).map(([start, end]) => text.slice(start, end))

describe('commentedSpans', () => {
  it('finds HTML comments, and script comments only inside <script> elements of markup', () => {
    const page = '<!-- a -->\n<p>see https://x.example/ // not script</p>\n<script type="module">b // c\n/* d */ e</script>\n<!-- open'
    expect(commentedTexts(page)).toEqual(['<!-- a -->', '// c', '/* d */', '<!-- open'])
  })

  it('reads text without markup as script: line and block comments', () => {
    expect(commentedTexts('a // b\nc /* d\n e */ f')).toEqual(['// b', '/* d\n e */'])
    expect(commentedTexts('a /* never closed')).toEqual(['/* never closed'])
  })

  it('reads <!-- inside a script element as a comment to the end of its line, as script does', () => {
    expect(commentedTexts('<script>a <!-- b\nc</script>')).toEqual(['<!-- b'])
  })

  it('skips strings, template literals and regular expressions, and a URL\'s slashes', () => {
    expect(commentedTexts('a = "// no", b = \'/* no */\', c = `// no\n`, d = /[/]"\\/\\//g; // yes')).toEqual(['// yes'])
    expect(commentedTexts('x = total / 2 / count // yes')).toEqual(['// yes'])
    expect(commentedTexts('https://chat.example.com/?jwt_identity=a.b.c')).toEqual([])
    expect(commentedTexts('xhttps://a')).toEqual(['//a'])
  })

  it('ends an unterminated string at its line, so a broken line does not hide the rest', () => {
    expect(commentedTexts('a = "broken\n// yes')).toEqual(['// yes'])
  })

  it('says whether an offset lies in a span', () => {
    const spans = commentedSpans('a /* b */ c // d')
    expect([0, 2, 8, 9, 12, 15, 16].map((offset) => isInSpans(spans, offset))).toEqual([false, true, true, false, true, true, false])
  })
})

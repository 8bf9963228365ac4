/**
 * The BEGIN … END blocks of a PEM text, and which one a key file is read from.
 */
import type { KeyWarningCode } from '../common/key-material'
import type { KeyNote } from './key-candidate'

export interface PemBlock {
  readonly label: string
  readonly text: string
}

/** A BEGIN or END line; the label's length is bounded so that a hostile file is scanned in linear time. */
const PEM_BOUNDARY = /-----(BEGIN|END) ([A-Z0-9 ]{1,64})-----/g
const KEY_LABELS: ReadonlySet<string> = new Set(['PUBLIC KEY', 'RSA PUBLIC KEY', 'PRIVATE KEY', 'RSA PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'])

/** The complete BEGIN … END blocks of a PEM text, in order; an unterminated BEGIN is no block. */
export function pemBlocks(pem: string): PemBlock[] {
  const blocks: PemBlock[] = []
  let open: { readonly label: string; readonly start: number } | null = null
  for (const match of pem.matchAll(PEM_BOUNDARY)) {
    const label = match[2] as string
    if (match[1] === 'BEGIN') open = { label, start: match.index }
    else if (open !== null && open.label === label) {
      blocks.push({ label, text: pem.slice(open.start, match.index + match[0].length) })
      open = null
    }
  }
  return blocks
}

function ordinal(position: number): string {
  return ['first', 'second', 'third'][position] ?? `${position + 1}th`
}

/**
 * The block a PEM file is read from: its first certificate, else its first key, as before
 * several blocks were noticed. A file of several blocks is valid but says which one was used.
 */
export function choosePemBlock(blocks: readonly PemBlock[]): { block: PemBlock; warnings: KeyNote<KeyWarningCode>[] } {
  const certificates = blocks.filter((block) => block.label === 'CERTIFICATE')
  const block = certificates[0] ?? blocks.find((candidate) => KEY_LABELS.has(candidate.label)) ?? (blocks[0] as PemBlock)
  if (blocks.length === 1) return { block, warnings: [] }
  if (certificates.length === blocks.length) {
    return {
      block,
      warnings: [{
        code: 'key-certificate-chain',
        message: `the file is a chain of ${blocks.length} certificates: the first certificate of ${blocks.length} was used (normally the site's own); the others were not imported`,
      }],
    }
  }
  const position = blocks.indexOf(block)
  const sameKind = blocks.slice(0, position).filter((candidate) => candidate.label === block.label).length
  return {
    block,
    warnings: [{
      code: 'key-pem-several-blocks',
      message: `the file holds ${blocks.length} PEM blocks (${blocks.map((candidate) => candidate.label).join(', ')}): the ${ordinal(sameKind)} ${block.label} (block ${position + 1} of ${blocks.length}) was used; the others were not imported`,
    }],
  }
}


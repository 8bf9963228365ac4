/**
 * `npm run --silent cli -- …`: the process edge of the command line.
 */
import { runCli } from './run-cli'

/** Standard input's bytes, stopping one past `maxBytes` so that a too large input is still told apart. */
async function readStdin(maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    const buffer = chunk as Buffer
    chunks.push(buffer)
    size += buffer.length
    if (size > maxBytes) break
  }
  return Buffer.concat(chunks)
}

const color = process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date(),
  color,
  readStdin,
})

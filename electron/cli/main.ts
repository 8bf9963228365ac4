/**
 * `npm run --silent cli -- …`: the process edge of the command line.
 */
import { runCli } from './run-cli'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    const buffer = chunk as Buffer
    size += buffer.length
    // Keep one byte past the limit so the core still reports input-too-large.
    if (size > 1024 * 1024 + 1) break
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

const color = process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date(),
  color,
  readStdin,
})

/**
 * `aspk-agent <command>`: the agent's command-line entry point. Each command lives in its own module,
 * loaded on demand so that `inspect` does not pay for the console's dependencies.
 * Returns the process exit code.
 */
const USAGE = `usage: aspk-agent <command> [options]

commands:
  inspect [--watchlist FILE] [--jsonl] [--at YYYY-MM-DD]   validate (and screen) MRZs from stdin
  run --config FILE                                        run the checkpoint agent (readers + officer console)
  officer add --username U [--role R] --password-stdin     add a local officer account [--config FILE]
  store quarantine --config FILE                           move a damaged agent database aside (see README)
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'inspect':
      return (await import('./inspect/inspect-command.js')).inspectCommand(rest, process.stdin, process.stdout, process.stderr);
    case 'run':
      return (await import('./run-command.js')).runCommand(rest, process.env, process.stderr);
    case 'officer':
      return (await import('./officer-command.js')).officerCommand(rest, process.env, process.stdin, process.stdout, process.stderr);
    case 'store':
      return (await import('./store-command.js')).storeCommand(rest, process.env, process.stdout, process.stderr);
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`aspk-agent: unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}

import { createServer } from 'node:net';
import { AspkError } from '@aspk/shared';

/**
 * Throws `CONFIG_INVALID` with a message that names the port, what wanted it and the variable that moves
 * it when `port` on `host` cannot be bound (another program, or a demo already running). Port 0 always
 * passes. Checked before anything is spawned, so a taken port never leaves half a demo running.
 */
export async function assertPortFree(host: string, port: number, what: string, envName: string): Promise<void> {
  if (port === 0) return;
  const problem = await new Promise<string | null>((resolve) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(null)));
  });
  if (problem === null) return;
  const why = problem === 'EADDRINUSE' ? 'is already in use (is the demo already running?)' : problem === 'EACCES' ? 'needs privileges' : `cannot be bound (${problem})`;
  throw new AspkError('CONFIG_INVALID', `port ${port} on ${host} for ${what} ${why}. Stop the other program or choose another port, e.g. ${envName}=${port + 100} npm start`);
}

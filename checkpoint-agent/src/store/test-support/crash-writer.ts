/**
 * Child process for the kill -9 test: records crossings as fast as it can and prints `ACK <id> <seq>`
 * after each commit returns — the moment the console would say *recorded*. The parent kills it with
 * SIGKILL at a random moment and checks that every acknowledged crossing survived.
 */
import { openDatabase } from '../open-database.js';
import { AGENT_MIGRATIONS } from '../agent-migrations.js';
import { CrossingStore } from '../crossing-store.js';
import { crossingFixture } from './crossing-fixture.js';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: crash-writer FILE');
const store = new CrossingStore(openDatabase(file, AGENT_MIGRATIONS), { agentId: 'kpp-test' });
process.stdout.write('READY\n');
for (;;) {
  const c = crossingFixture();
  const r = store.record(c);
  // Synchronous write to fd 1: the line is out before the next transaction starts.
  process.stdout.write(`ACK ${c.id} ${r.seq}\n`);
  if (r.seq % 7 === 0) store.decide({ id: crossingFixture().id, crossingId: c.id, officer: 'o1', decision: 'admit', note: null, wallMs: Date.now() });
}

/**
 * The screening index, persisted beside the watchlist cache so that an agent restarts in about a second
 * instead of rebuilding it (at 1,000,000 entries: reading and parsing the cached entries plus a ~10 s
 * build). The file is a cache of a cache: `watchlist.db` stays the source of truth, and the file is used
 * only when its tag names exactly the list version and head hash the cache holds, its SHA-256 matches and
 * it was written by this engine version (`WatchlistIndex.fromSnapshot` checks the last two). Anything else —
 * no file, another version, damage, a newer or older agent — means "rebuild from the cache", never an error.
 *
 * Written with write-to-temporary, fsync, rename, fsync of the folder (off the main thread), so a crash
 * leaves the old file or the new one, never a torn one. The file has the trust of `watchlist.db` beside it (same folder, same
 * owner): the signed list data was checked before it reached either.
 */
import { closeSync, fsyncSync, openSync, readdirSync, rmSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AspkError, DEFAULT_MATCHER_OPTIONS, WatchlistIndex } from '@aspk/shared';
import { readSnapshotFile } from './read-snapshot-file.js';
import type { WatchlistHead } from './watchlist-cache.js';

/** File name inside `dataDir`. */
export const INDEX_SNAPSHOT_FILE = 'watchlist-index.snap';

/** What the agent writes into the snapshot's tag: the list it holds and the options it was built with. */
const IndexTag = z.object({ version: z.number().int().positive(), head: z.string().nullable(), matcher: z.record(z.string(), z.number()) });
type IndexTag = z.infer<typeof IndexTag>;

/** The tag the index file carries for `head` (for bytes encoded elsewhere, e.g. by the build worker). */
export function indexFileTag(head: Pick<WatchlistHead, 'version' | 'head'>): IndexTag {
  return { version: head.version, head: head.head, matcher: { ...DEFAULT_MATCHER_OPTIONS } };
}

function sameTag(a: IndexTag, b: IndexTag): boolean {
  return a.version === b.version && a.head === b.head && JSON.stringify(a.matcher) === JSON.stringify(b.matcher);
}

export class IndexSnapshotFile {
  /** List version of the file as last written or loaded by this process (0 = none). */
  savedVersion = 0;
  /** Background saves, one after another in call order. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly log: Logger,
  ) {}

  /**
   * The index saved for `head`, or null when the file is absent, for another list, or unusable (logged).
   * The header is read first, so a file for another version costs a small read; the body is read into a
   * buffer advised to be backed by huge pages, and read and checked by as many threads as the machine has
   * cores, up to 4 (`readSnapshotFile`): at 1M + 1M entries 0.5–0.6 s instead of 1.4 s on the project's VMs.
   */
  async load(head: Pick<WatchlistHead, 'version' | 'head'>): Promise<WatchlistIndex | null> {
    const t0 = performance.now();
    const want = indexFileTag(head);
    let fileVersion: number | null = null;
    const accept = (first: Uint8Array): boolean => {
      const tag = IndexTag.safeParse(WatchlistIndex.snapshotTag(first));
      fileVersion = tag.success ? tag.data.version : null;
      return tag.success && sameTag(tag.data, want);
    };
    let bytes: Uint8Array | null;
    try {
      bytes = await readSnapshotFile(this.file, { accept });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      if (e instanceof AspkError) this.log.warn({ err: e }, 'watchlist index file refused: rebuilding the index from the cache');
      else this.log.warn({ err: e }, 'watchlist index file unreadable: rebuilding the index from the cache');
      return null;
    }
    if (bytes === null) {
      this.log.info({ fileVersion, cacheVersion: head.version }, 'watchlist index file is for another list version or build options: rebuilding the index');
      return null;
    }
    try {
      const index = WatchlistIndex.fromSnapshot(bytes, { verifyHash: false });
      this.savedVersion = head.version;
      this.log.info({ version: head.version, entries: index.size, bytes: bytes.length, ms: Math.round(performance.now() - t0) }, 'watchlist index loaded from its file');
      return index;
    } catch (e) {
      this.log.warn({ err: e }, 'watchlist index file refused: rebuilding the index from the cache');
      return null;
    }
  }

  /**
   * Writes `index` as the file for `head`. Only the encoding (~1.3 s at 1M + 1M entries) runs now; the
   * write and fsync (~1.6 s there) run on libuv's thread pool while the agent goes on screening. The bytes
   * are a copy, so later deltas to `index` do not reach the file. Saves run in call order; `idle()`
   * resolves when none is pending. Never rejects: a full disk or a read-only folder costs the next start a
   * rebuild, not this agent its service (logged). Resolves to whether the file was written.
   */
  save(index: WatchlistIndex, head: Pick<WatchlistHead, 'version' | 'head'>): Promise<boolean> {
    const t0 = performance.now();
    let bytes: Uint8Array;
    try {
      bytes = index.toSnapshot(indexFileTag(head));
    } catch (e) {
      this.log.warn({ err: e }, 'could not encode the watchlist index file; the next start rebuilds the index');
      return Promise.resolve(false);
    }
    return this.write(bytes, head, t0);
  }

  /**
   * Writes snapshot bytes already tagged with `indexFileTag(head)` (the build worker encodes them), after
   * any save queued before. Never rejects.
   */
  write(bytes: Uint8Array, head: Pick<WatchlistHead, 'version' | 'head'>, t0 = performance.now()): Promise<boolean> {
    const run = this.#queue.then(() => this.#write(bytes, head, t0));
    this.#queue = run;
    return run;
  }

  /** Resolves once no background save is pending. */
  async idle(): Promise<void> {
    await this.#queue;
  }

  async #write(bytes: Uint8Array, head: Pick<WatchlistHead, 'version' | 'head'>, t0: number): Promise<boolean> {
    const tmp = `${this.file}.tmp-${process.pid}`;
    this.removeStaleTemporaries();
    let fh: FileHandle | undefined;
    try {
      fh = await open(tmp, 'w', 0o600);
      await fh.writeFile(bytes);
      await fh.sync();
      await fh.close();
      fh = undefined;
      await rename(tmp, this.file);
      syncFolder(dirname(this.file));
      this.savedVersion = head.version;
      this.log.info({ version: head.version, bytes: bytes.length, ms: Math.round(performance.now() - t0) }, 'watchlist index file written');
      return true;
    } catch (e) {
      await fh?.close().catch(() => undefined);
      await rm(tmp, { force: true }).catch(() => undefined);
      this.log.warn({ err: e }, 'could not write the watchlist index file; the next start rebuilds the index');
      return false;
    }
  }

  /** Temporary files of saves that never finished (a kill during the write, another process id). */
  private removeStaleTemporaries(): void {
    const prefix = `${basename(this.file)}.tmp-`;
    try {
      for (const name of readdirSync(dirname(this.file))) if (name.startsWith(prefix)) rmSync(join(dirname(this.file), name), { force: true });
    } catch {
      // best effort: an unreadable folder fails the save itself, which is logged
    }
  }
}

/** fsync of a folder makes a rename in it durable (POSIX); some platforms cannot open folders, which is fine there. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // not supported here: the rename is still atomic, only its durability across power loss is weaker
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Allowed browser origins (reliability-security.md §4.4). Mutable only to add the server's own origin once
 * the real port is known (port 0 in tests).
 */
export class OriginPolicy {
  private readonly allowed = new Set<string>();

  constructor(configured: readonly string[]) {
    for (const o of configured) this.allowed.add(o.replace(/\/$/, ''));
  }

  /** Adds `http://127.0.0.1:PORT` and `http://localhost:PORT` when no origin was configured. */
  addDefaultsForPort(port: number): void {
    if (this.explicit) return;
    this.allowed.add(`http://127.0.0.1:${port}`);
    this.allowed.add(`http://localhost:${port}`);
  }

  private get explicit(): boolean {
    return [...this.allowed].some((o) => !/^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(o));
  }

  isAllowed(origin: string | undefined): boolean {
    return origin !== undefined && this.allowed.has(origin);
  }

  list(): string[] {
    return [...this.allowed];
  }
}

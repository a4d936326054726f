/**
 * Double-read suppression (document-readers.md §4, §8.3): swipe readers emit the same MRZ twice when a
 * document is swiped back and forth. The key is the normalised MRZ text; a repeat within the window is
 * dropped. The window slides from the last *accepted* read, so a document left on a re-reading reader
 * is reported again once per window, never continuously.
 */
export class FrameDeduper {
  private readonly seen = new Map<string, number>();

  /** @param windowMs repeats within this many ms of the accepted read are duplicates. Default 3000. */
  constructor(private readonly windowMs = 3000) {}

  /** `true` if `text` read at `nowMs` is new (and remembers it), `false` if it is a repeat. */
  accept(text: string, nowMs: number): boolean {
    for (const [k, at] of this.seen) if (nowMs - at >= this.windowMs) this.seen.delete(k);
    const at = this.seen.get(text);
    if (at !== undefined && nowMs - at < this.windowMs) return false;
    this.seen.set(text, nowMs);
    return true;
  }
}

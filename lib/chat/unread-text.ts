/**
 * The text a stream's reader has not asked for yet, oldest first. Kept as the strings it was sent
 * as (a few bytes of overhead each, where a buffer per chunk costs a few hundred) and handed over
 * in pieces of whole texts, so a piece never ends inside an event.
 */
export class UnreadText {
  #texts: string[] = [];
  #bytes = 0;

  /** Its size in UTF-8. */
  get bytes(): number {
    return this.#bytes;
  }

  get isEmpty(): boolean {
    return this.#texts.length === 0;
  }

  push(text: string): void {
    this.#texts.push(text);
    this.#bytes += Buffer.byteLength(text);
  }

  /** The oldest texts, whole, until they reach `maxChars` characters (at least one text). */
  take(maxChars: number): string {
    let count = 0;
    for (let chars = 0; count < this.#texts.length && chars < maxChars; count += 1) chars += this.#texts[count]?.length ?? 0;
    const taken = this.#texts.splice(0, count).join("");
    this.#bytes -= Buffer.byteLength(taken);
    return taken;
  }

  /** Drops everything unread, and keeps `texts` in its place. */
  replaceWith(texts: string[]): void {
    this.#texts = [];
    this.#bytes = 0;
    for (const text of texts) this.push(text);
  }
}

// Tokens counted with a real tokenizer (o200k_base, OpenAI's current one, from gpt-tokenizer). For
// other models' tokenizers it is close, not exact: callers leave a margin. Its ranks are large and
// load on first use, so a server that never needs a count never pays for them.

type Tokenizer = { countTokens: (text: string) => number };

let tokenizer: Promise<Tokenizer> | undefined;

/** The tokenizer, loaded once per process. */
export function loadTokenizer(): Promise<Tokenizer> {
  tokenizer ??= import("gpt-tokenizer/encoding/o200k_base").then(({ countTokens }) => ({ countTokens: (text: string) => countTokens(text) }));
  return tokenizer;
}

/**
 * At least as many UTF-8 bytes as tokens: byte-level BPE tokenizers (OpenAI's, Llama 3's, Qwen's)
 * and SentencePiece with byte fallback never make a token of less than one byte. An upper bound
 * that costs no tokenizing.
 */
export function tokensAtMost(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

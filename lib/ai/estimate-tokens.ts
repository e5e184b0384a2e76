// A rough token count where no tokenizer is at hand: about four characters a token, as OpenAI
// describes English text. Other scripts use more tokens per character: an estimate, not a bound.
const CHARACTERS_PER_TOKEN = 4;

export function estimateTokensOfCharacters(characters: number): number {
  return Math.ceil(characters / CHARACTERS_PER_TOKEN);
}

export function estimateTextTokens(text: string): number {
  return estimateTokensOfCharacters(text.length);
}

/** The tokens of values as they would be sent: their JSON (keys and punctuation count too). */
export function estimateJsonTokens(...values: unknown[]): number {
  return estimateTokensOfCharacters(values.reduce<number>((sum, value) => sum + (JSON.stringify(value)?.length ?? 0), 0));
}

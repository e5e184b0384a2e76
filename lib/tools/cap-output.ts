export const DEFAULT_MAX_OUTPUT_CHARS = 16_000;

export type TruncatedToolOutput = {
  truncated: true;
  /** The first characters of the result's JSON. */
  preview: string;
  originalChars: number;
  note: string;
};

export type CappedOutput<OUTPUT> = { output: OUTPUT | TruncatedToolOutput; truncated: boolean };

/** Keeps a tool result under the cap; a longer one is replaced by a preview that says it was cut. */
export function capOutput<OUTPUT>(output: OUTPUT, maxChars: number): CappedOutput<OUTPUT> {
  const json = JSON.stringify(output) ?? "null";
  if (json.length <= maxChars) return { output, truncated: false };
  return {
    output: {
      truncated: true,
      preview: json.slice(0, maxChars),
      originalChars: json.length,
      note: `The result was ${json.length} characters long and was truncated to the first ${maxChars}.`,
    },
    truncated: true,
  };
}

import type { OpenNextConfig } from "@opennextjs/aws/types/open-next.js";

// The server function answers through Lambda response streaming: without this wrapper OpenNext
// builds a buffered handler, and a chat answer would arrive in one block at the end.
const config = {
  default: {
    override: {
      wrapper: "aws-lambda-streaming",
    },
  },
} satisfies OpenNextConfig;

export default config;

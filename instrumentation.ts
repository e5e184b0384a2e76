import { getEnv } from "@/lib/env";

// Runs once when the server starts: a misconfigured server fails now, naming the variable,
// rather than at its first chat request.
export function register() {
  getEnv();
}

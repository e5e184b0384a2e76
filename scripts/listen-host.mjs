// Prints the interface `npm start` and `npm run dev` listen on: HOST, checked by lib/env.ts
// (default 127.0.0.1, this machine only). A bad value stops the script with the reason.
import { EnvError, listenHost } from "../lib/env.ts";

try {
  console.log(listenHost(process.env));
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}

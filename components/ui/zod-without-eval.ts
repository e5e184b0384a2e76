import { z } from "zod";

// The page's Content-Security-Policy allows no eval. zod compiles fast parsers with `new Function`
// when it may, and its probe for that is reported as a CSP violation even though zod catches it.
// The AI SDK parses every streamed chunk with zod in the browser: parse without compiling there.
// Only there: this module is also evaluated when the server renders the page, and zod's settings
// are global, so the server's own parsing (every chunk from the model) would lose its fast parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

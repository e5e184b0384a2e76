import { buildOpenApiDocument, type OpenApiDocument } from "@/lib/openapi/build-openapi-document";
import packageJson from "@/package.json";
import { chatOperations } from "./chat-operations";
import { chatsOperations } from "./chats-operations";
import { keysOperations } from "./keys-operations";
import { serviceOperations } from "./service-operations";
import { v1Operations } from "./v1-operations";

// Every operation of /api and /v1, in one document (a test keeps it in step with the route files).

const operations = [
  ...chatOperations,
  ...chatsOperations,
  ...serviceOperations,
  ...keysOperations,
  ...v1Operations,
];

let document: OpenApiDocument | undefined;

/** Built on first use, once per process: the schemas do not change while it runs. */
export function openApiDocument(): OpenApiDocument {
  document ??= buildOpenApiDocument({
    info: {
      title: "Parley",
      version: packageJson.version,
      description:
        "Parley's own API under `/api` (what its web app uses; errors are `{ error: { code, message } }`) and an OpenAI-compatible API " +
        "under `/v1` (errors in OpenAI's format). A method a route does not serve is a 405 with `Allow`; an `/api` path no route serves, a 404.",
    },
    tags: [
      { name: "Answers", description: "A message and its answer, streamed while it is written." },
      { name: "Chats", description: "The user's stored conversations." },
      { name: "API keys", description: "The user's personal keys for the OpenAI-compatible API." },
      { name: "Service", description: "The server itself; open to anyone." },
      { name: "OpenAI-compatible", description: "OpenAI's Chat Completions and Models, with Parley's tools run on the server." },
    ],
    operations,
  });
  return document;
}

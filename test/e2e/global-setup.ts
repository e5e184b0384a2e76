import { startLocalDynamoDB } from "@/test/support/local-dynamodb";
import { startFakeOpenMeteoServer } from "@/test/fixtures/fake-open-meteo/server";
import { startFakeOpenAIServer } from "@/test/fixtures/fake-openai/server";
import { startOidcProvider } from "@/test/fixtures/oidc-provider/server";
import { fakeOpenAIPort, fakeOpenMeteoPort, fakeWeatherLatencyMs, localDynamoDBPort, oidcAccounts, oidcClient, oidcProviderPort } from "./servers";

// The app servers (Playwright's webServer) only contact these when a request needs them (the
// DynamoDB store opens, and creates its table, on the first request; the server with login
// discovers the provider at its first sign-in), so starting them here, after the app servers, is
// fine. Returning a function tears them down.
export default async function globalSetup() {
  const openAI = await startFakeOpenAIServer({ port: fakeOpenAIPort, host: "127.0.0.1" });
  const openMeteo = await startFakeOpenMeteoServer({
    port: fakeOpenMeteoPort,
    host: "127.0.0.1",
    latencyMs: fakeWeatherLatencyMs,
    slowGeocodingMs: 60_000,
  });
  const dynamoDB = await startLocalDynamoDB({ port: localDynamoDBPort });
  const oidcProvider = await startOidcProvider({
    port: oidcProviderPort,
    host: "127.0.0.1",
    accounts: Object.values(oidcAccounts),
    clients: [oidcClient],
  });
  return async () => {
    await Promise.all([openAI.close(), openMeteo.close(), dynamoDB.close(), oidcProvider.close()]);
  };
}

import { expect, test } from "@playwright/test";
import { fetchRecordedRequests, registerScenario } from "@/test/fixtures/fake-openai/client";
import { toolResultsIn } from "@/test/fixtures/fake-openai/tool-results";
import { everythingStdioCommand, startEverythingHttp, type EverythingHttpServer, type EverythingStdioCommand } from "@/test/support/everything-server";
import { startNextServer, type NextServer } from "@/test/support/next-server";
import { ChatPage } from "./pages/chat-page";
import { dataDirOf, fakeOpenAIUrl, openAIServerEnv } from "./servers";

// MCP servers configured for a server of its own: the MCP project's reference server, started by
// Parley over stdio ("everything") and reached over Streamable HTTP ("remote"), and one that is not
// running ("offline"), and the HTTP one again with every call waiting for approval ("gated"). The
// model (the fake OpenAI server) calls their tools by name.

test.describe("the tools of MCP servers", () => {
  // One app server and one set of MCP servers, which a test kills and restarts: one worker, in order.
  test.describe.configure({ mode: "serial" });
  let server: NextServer;
  let remote: EverythingHttpServer;
  let stdio: EverythingStdioCommand;

  test.beforeAll(async () => {
    remote = await startEverythingHttp();
    const offline = await startEverythingHttp();
    await offline.kill();
    stdio = everythingStdioCommand();
    const mcpServers = [
      { name: "everything", command: stdio.command, args: stdio.args, allowTools: ["echo", "trigger-long-running-operation"], timeoutMs: 20_000 },
      { name: "remote", url: remote.url, allowTools: ["get-sum", "trigger-long-running-operation"], timeoutMs: 30_000 },
      { name: "offline", url: offline.url },
      // The same server again, its calls waiting for the user's approval.
      { name: "gated", url: remote.url, allowTools: ["get-sum"], approval: "always" },
    ];
    server = await startNextServer({
      dataDir: dataDirOf("mcp-tools"),
      env: { ...openAIServerEnv, MCP_SERVERS: JSON.stringify(mcpServers), MCP_CONNECT_TIMEOUT_MS: "3000" },
    });
  });

  test.afterAll(async () => {
    await server?.stop();
    await remote?.kill();
    stdio?.cleanUp();
  });

  test("chips show each call's server and progress; the results reach the answer; a server that is down is named", async ({ page }) => {
    const scenario = await registerScenario(fakeOpenAIUrl, {
      turns: [
        {
          type: "tool-calls",
          calls: [
            { name: "everything__trigger-long-running-operation", arguments: { duration: 3, steps: 3 } },
            { name: "remote__get-sum", arguments: { a: 2, b: 40 } },
          ],
        },
        { type: "text", text: "The long operation finished, and the sum is 42." },
      ],
    });
    const chat = new ChatPage(page);
    await chat.open(server.url);
    await chat.arrive();
    await expect(chat.toolsNotice).toContainText("Tools of offline unavailable");
    await expect(chat.toolsNotice).toContainText("refused the connection");

    await chat.send(`${scenario.marker} Run the long operation and add 2 and 40.`);
    const longCall = chat.chips("everything__trigger-long-running-operation");
    await expect(longCall.getByTestId("tool-chip-server")).toHaveText(/everything/);
    await expect(longCall).toContainText("trigger-long-running-operation");
    await expect(longCall).toContainText(/[12] of 3/);
    await expect(longCall).toHaveAttribute("data-state", "done");
    const sum = chat.chips("remote__get-sum");
    await expect(sum).toHaveAttribute("data-state", "done");
    await expect(sum.getByTestId("tool-chip-server")).toHaveText(/remote/);
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toContain("the sum is 42");

    const [, second] = await fetchRecordedRequests(fakeOpenAIUrl, scenario.key);
    if (!second) throw new Error("expected a second model call");
    expect(JSON.stringify(toolResultsIn(second))).toContain("The sum of 2 and 40 is 42.");
  });

  test("a call the server refuses fails its chip with the server's reason, and the answer goes on", async ({ page }) => {
    const scenario = await registerScenario(fakeOpenAIUrl, {
      turns: [{ type: "tool-calls", calls: [{ name: "everything__echo", arguments: {} }] }, { type: "text", text: "The echo tool refused that call." }],
    });
    const chat = new ChatPage(page);
    await chat.open(server.url);
    await chat.send(`${scenario.marker} Echo nothing.`);
    const echo = chat.chips("everything__echo");
    await expect(echo).toHaveAttribute("data-state", "failed");
    await expect(echo).toContainText("Invalid arguments for tool echo");
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toContain("The echo tool refused that call.");
  });

  test("a server whose entry asks for approval: its call waits, and runs on the server once approved", async ({ page }) => {
    const scenario = await registerScenario(fakeOpenAIUrl, {
      turns: [{ type: "tool-calls", calls: [{ name: "gated__get-sum", arguments: { a: 20, b: 22 } }] }, { type: "text", text: "Approved, and the sum is 42." }],
    });
    // The tool list says which calls ask first: the gated server's, not the same tool of the server whose entry says nothing (it only reads).
    const { tools } = (await (await page.request.get(`${server.url}/api/tools`)).json()) as { tools: Array<{ name: string; asksApproval?: boolean }> };
    expect(tools.filter((tool) => tool.name.endsWith("__get-sum"))).toEqual([
      expect.objectContaining({ name: "remote__get-sum", asksApproval: false }),
      expect.objectContaining({ name: "gated__get-sum", asksApproval: true }),
    ]);
    const chat = new ChatPage(page);
    await chat.open(server.url);
    await chat.send(`${scenario.marker} Add 20 and 22, once I approve.`);
    const sum = chat.chips("gated__get-sum");
    await expect(sum).toHaveAttribute("data-state", "approval");
    await expect(sum.getByTestId("tool-chip-server")).toHaveText(/gated/);
    await expect(sum.getByTestId("tool-chip-input")).toContainText('"a": 20');
    await chat.waitForAnswerToFinish();
    // Nothing ran: the model has been asked once.
    expect(await fetchRecordedRequests(fakeOpenAIUrl, scenario.key)).toHaveLength(1);

    await sum.getByTestId("tool-chip-approve").click();
    await expect(sum).toHaveAttribute("data-state", "done");
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toContain("the sum is 42");
    const [, second] = await fetchRecordedRequests(fakeOpenAIUrl, scenario.key);
    if (!second) throw new Error("expected a second model call");
    expect(JSON.stringify(toolResultsIn(second))).toContain("The sum of 20 and 22 is 42.");
  });

  test("what a server returns is untrusted: shown as text, never run, and cut to the output cap for the model", async ({ page }) => {
    const hostile = `<img src=x onerror="window.__pwned='img'"><script>window.__pwned='script'</script>`;
    const scenario = await registerScenario(fakeOpenAIUrl, {
      turns: [
        { type: "tool-calls", calls: [{ name: "everything__echo", arguments: { message: `${hostile} ${"padding ".repeat(2_500)}` } }] },
        { type: "text", text: "The echo was long, and cut." },
      ],
    });
    const chat = new ChatPage(page);
    await chat.open(server.url);
    await chat.send(`${scenario.marker} Echo something long.`);
    const echo = chat.chips("everything__echo");
    await expect(echo).toHaveAttribute("data-state", "done");
    await chat.waitForAnswerToFinish();

    await echo.getByTestId("tool-chip-toggle").click();
    const result = echo.getByTestId("tool-chip-result");
    await expect(result).toContainText(/The result was \d+ characters long and was truncated to the first 16000/);
    await result.getByRole("button", { name: "Show raw JSON" }).click();
    // The markup as text (inside the cut result's JSON preview), not as elements.
    const raw = result.getByLabel("Raw tool call JSON");
    await expect(raw).toContainText("Echo: <img src=x onerror=");
    await expect(raw).toContainText("<script>window.__pwned='script'</script>");
    await expect(echo.locator("img, script")).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();

    const [, second] = await fetchRecordedRequests(fakeOpenAIUrl, scenario.key);
    if (!second) throw new Error("expected a second model call");
    const sentResult = JSON.stringify(toolResultsIn(second));
    expect(sentResult).toContain("truncated to the first 16000");
    expect(sentResult.length).toBeLessThan(20_000);
  });

  test("a server killed mid-call fails the chip and the answer goes on; once it is back, the next call works", async ({ page }) => {
    const killed = await registerScenario(fakeOpenAIUrl, {
      turns: [
        { type: "tool-calls", calls: [{ name: "remote__trigger-long-running-operation", arguments: { duration: 20, steps: 20 } }] },
        { type: "text", text: "The remote server went away, so I could not finish." },
      ],
    });
    const chat = new ChatPage(page);
    await chat.open(server.url);
    await chat.send(`${killed.marker} Run the long remote operation.`);
    const longCall = chat.chips("remote__trigger-long-running-operation");
    await expect(longCall).toContainText(/1 of 20/);
    await remote.kill();
    await expect(longCall).toHaveAttribute("data-state", "failed");
    await expect(longCall).toContainText('The MCP server "remote" went away during the call.');
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toContain("The remote server went away");

    await remote.restart();
    // Parley tries a server that was down again after a backoff: wait until it says the server is back.
    await expect
      .poll(async () => ((await (await page.request.get(`${server.url}/api/tools`)).json()) as { mcpServers: Array<{ name: string; status: string }> }).mcpServers.find((entry) => entry.name === "remote")?.status, {
        timeout: 15_000,
      })
      .toBe("available");
    const again = await registerScenario(fakeOpenAIUrl, {
      turns: [{ type: "tool-calls", calls: [{ name: "remote__get-sum", arguments: { a: 1, b: 1 } }] }, { type: "text", text: "It is back: 1 and 1 make 2." }],
    });
    // A chat of its own: the fake model's scenario is the conversation's first marker, its turn the answers before.
    await chat.open(server.url);
    await chat.send(`${again.marker} Add 1 and 1.`);
    await expect(chat.chips("remote__get-sum")).toHaveAttribute("data-state", "done");
    await chat.waitForAnswerToFinish();
    expect(await chat.lastAnswerText()).toContain("It is back");
  });
});

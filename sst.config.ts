// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- SST's globals ($config, sst, aws) live in the platform it installs
/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Parley on AWS. Each stage gets:
 * - `Web`: the Next.js app built by OpenNext — a Lambda server function answering through response
 *   streaming behind a Function URL, CloudFront in front, static assets in S3, a warmer cron.
 * - `Chats`: the DynamoDB table conversations are stored in (the adapter's own table design).
 * - `OpenAIApiKey`: a secret, set per stage with `sst secret set OpenAIApiKey sk-...`; with MODELS
 *   set for the deploy, a secret per key its models need (GROQ_API_KEY: `GroqApiKey`); with
 *   MCP_SERVERS, a secret per `${NAME}` in its headers (GITHUB_TOKEN: `GithubToken`).
 * - Login (OpenID Connect): the secrets `AuthClientId`, `AuthClientSecret` (from the provider) and
 *   `AuthSecret` (the session cookies' key), and the issuer and allowlist from deploy-time settings.
 * - Tool approval: TOOL_APPROVAL from deploy-time settings; without login, when a call may wait for
 *   approval, the secret `ToolApprovalSecret` signs approval requests (with login: derived from AuthSecret).
 * - CloudWatch alarms on the server function and on the app's metrics, emailed through SNS when
 *   PARLEY_ALARM_EMAIL is set.
 * `sst dev` creates the table and the secret only and runs `next dev` locally, linked to them.
 * Deploy-time settings (PARLEY_WARM, PARLEY_ALARM_EMAIL, PARLEY_AUTH_ISSUER, PARLEY_ALLOWED_EMAILS,
 * PARLEY_ALLOWED_DOMAINS…) are read from the environment, which SST fills from `.env` /
 * `.env.<stage>` too: see lib/sst/deploy-settings.ts.
 */

/**
 * How long CloudFront waits for the next byte from the server function (its origin read timeout;
 * SST sets it from `server.timeout`). 60 s is CloudFront's limit without a quota increase. The chat
 * stream sends a keep-alive every HEARTBEAT_MS (15 s by default), so no answer is silent this long.
 */
const CLOUDFRONT_READ_TIMEOUT = "60 seconds";
/** How long one request may run: a 150 s answer plus storing it, with margin. Also bounds a
 * generation whose browser went away: on Lambda a disconnect does not abort it (opennextjs-aws#952). */
const LAMBDA_TIMEOUT = "300 seconds";

const FIVE_MINUTES = 300;

export default $config({
  app(input) {
    return {
      name: "parley",
      home: "aws",
      removal: input?.stage === "production" ? "retain" : "remove",
      protect: input?.stage === "production",
    };
  },
  async run() {
    // Imported here: SST asks for no imports at the top of its config.
    const { chatTableSstArgs } = await import("./lib/store/dynamodb/table-design");
    const { authEnvironment, parseDeploySettings } = await import("./lib/sst/deploy-settings");
    const { devDependencies } = await import("./package.json");
    const metrics = await import("./lib/observability/service");
    const settings = parseDeploySettings(process.env, { dev: $dev });

    const openAiApiKey = new sst.Secret("OpenAIApiKey");
    // The keys of the models in MODELS and the secrets MCP_SERVERS names, one secret each
    // (`sst secret set GroqApiKey …`, `sst secret set GithubToken …`).
    const secretNames = new Set([...(settings.models?.keySecrets ?? []), ...(settings.mcpServers?.secrets ?? [])]);
    secretNames.delete("OpenAIApiKey");
    const keySecrets = [...secretNames].map((name) => new sst.Secret(name));
    // Login: set each once per stage (`sst secret set AuthSecret "$(openssl rand -base64 32)"`);
    // without login (only under `sst dev`, or anonymous on purpose) they are not created.
    const authSecrets =
      settings.auth.mode === "oidc" ? [new sst.Secret("AuthClientId"), new sst.Secret("AuthClientSecret"), new sst.Secret("AuthSecret")] : [];
    // Approval requests are signed; with login the key is derived from AuthSecret. Without login it
    // is a secret of its own, created only when a call may wait: under TOOL_APPROVAL, or as an MCP
    // server's entry says (`hints` unless `never`; no built-in tool waits on its own):
    // `sst secret set ToolApprovalSecret "$(openssl rand -base64 32)"` once per stage.
    const toolApprovalSecrets = settings.toolApprovalSecret ? [new sst.Secret("ToolApprovalSecret")] : [];
    const chats = new sst.aws.Dynamo("Chats", {
      ...chatTableSstArgs,
      deletionProtection: $app.stage === "production",
    });

    const web = new sst.aws.Nextjs("Web", {
      // Resource.OpenAIApiKey.value, Resource.Chats.name and the login secrets in the app
      // (lib/env.ts), plus IAM access to the table. Links reach the Lambda in an encrypted file,
      // `next build` and `sst dev` as SST_RESOURCE_* variables.
      link: [openAiApiKey, ...keySecrets, chats, ...authSecrets, ...toolApprovalSecrets],
      environment: {
        // The models to choose from, as configured for the deploy; their keys come through the links.
        ...(settings.models ? { MODELS: settings.models.json } : {}),
        // The MCP servers (Streamable HTTP only: no stdio server is started on Lambda); their secrets come through the links.
        ...(settings.mcpServers ? { MCP_SERVERS: settings.mcpServers.json } : {}),
        // Which tools' calls wait for the user's approval; the signing key comes through a link.
        ...(settings.toolApproval ? { TOOL_APPROVAL: settings.toolApproval } : {}),
        // The table's name comes from the link; this only makes the choice of store explicit.
        CHAT_STORE: "dynamodb",
        // AUTH_MODE=oidc with the issuer and allowlist (or, on purpose, no login).
        ...authEnvironment(settings.auth),
      },
      // SST builds with `npx --yes @opennextjs/aws@<version> build` and otherwise picks its own
      // default (3.x). Passing the pinned devDependency makes npx run the copy from the lockfile.
      // That build reads ./open-next.config.ts itself (SST passes no config of its own), so the
      // `aws-lambda-streaming` wrapper there is what makes the server stream: OpenNext writes
      // `streaming: true` for the default origin into .open-next/open-next.output.json and SST
      // turns that into a Function URL with invoke mode RESPONSE_STREAM. SST deploys only the
      // `default` server of that config: split `functions` there would not be deployed.
      openNextVersion: devDependencies["@opennextjs/aws"],
      warm: settings.warm,
      // `protection` stays "none": the Function URL answers without CloudFront too, but only with
      // the same login (and the session cookie is bound to the site's host, so it is not sent
      // there). "oac" would make the browser sign every POST body; "oac-with-edge-signing" puts
      // Lambda@Edge in front of each chat request.
      server: {
        memory: "1024 MB",
        timeout: CLOUDFRONT_READ_TIMEOUT,
        // The Node every test runs on (the `node` devDependency, 24): the Lambda streaming test
        // proves this bundle on it (lib/runtime/pinned-node.test.ts keeps the two the same).
        runtime: "nodejs24.x",
        // Graviton: ~20% cheaper per GB-second. The bundle is plain JavaScript plus the native
        // better-sqlite3 traced in for the SQLite store, built for the build machine's platform;
        // it is never loaded here because the deployed store is DynamoDB (CHAT_STORE above).
        architecture: "arm64",
      },
      transform: {
        // `server.timeout` set both CloudFront's read timeout and the Lambda's; only the Lambda's
        // changes here, so a long answer completes while each silence stays under 60 s.
        server: (args) => {
          args.timeout = LAMBDA_TIMEOUT;
        },
      },
    });

    // Under `sst dev` the server runs on the developer's machine: nothing to watch in CloudWatch.
    if (!$dev) {
      createAlarms(web, {
        alarmEmail: settings.alarmEmail,
        namespace: metrics.METRICS_NAMESPACE,
        dimensions: { service: metrics.SERVICE_NAME },
      });
    }

    return { url: web.url };
  },
});

/**
 * Alarms on the deployed server function (AWS/Lambda metrics) and on the app's own metrics, which
 * it writes in CloudWatch Embedded Metric Format to its logs (lib/observability/chat-metrics.ts).
 */
function createAlarms(
  web: sst.aws.Nextjs,
  { alarmEmail, namespace, dimensions }: { alarmEmail: string | undefined; namespace: string; dimensions: Record<string, string> },
) {
  const server = web.nodes.server;
  if (!server) throw new Error("The Web component has no server function to watch.");
  const functionName = server.nodes.function.name;
  const prefix = `${$app.name}-${$app.stage}`;

  let actions: $util.Output<string>[] = [];
  if (alarmEmail) {
    const topic = new aws.sns.Topic("Alarms", { name: `${prefix}-alarms` });
    // AWS emails a confirmation link first; nothing arrives until it is clicked.
    new aws.sns.TopicSubscription("AlarmsEmail", { topic: topic.arn, protocol: "email", endpoint: alarmEmail });
    actions = [topic.arn];
  }
  const common = { alarmActions: actions, okActions: actions, treatMissingData: "notBreaching" };

  new aws.cloudwatch.MetricAlarm("ToolCallDurationAlarm", {
    ...common,
    name: `${prefix}-tool-call-duration-p99`,
    alarmDescription: "p99 of tool call durations above 2 s in 2 of the last 3 five-minute periods",
    namespace,
    metricName: "ToolCallDuration",
    dimensions,
    extendedStatistic: "p99",
    period: FIVE_MINUTES,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    comparisonOperator: "GreaterThanThreshold",
    threshold: 2_000,
  });

  // Crashes, timeouts and out-of-memory kills of the server function. Failures inside a chat
  // answer (model or tool errors) are streamed to the browser with status 200: the next alarm.
  percentAlarm("ServerErrorRateAlarm", {
    ...common,
    name: `${prefix}-server-error-rate`,
    alarmDescription: "More than 5% of server function invocations failed over 5 minutes",
    part: { namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: functionName } },
    whole: { namespace: "AWS/Lambda", metricName: "Invocations", dimensions: { FunctionName: functionName } },
    label: "Error rate (%)",
  });

  percentAlarm("ChatErrorRateAlarm", {
    ...common,
    name: `${prefix}-chat-error-rate`,
    alarmDescription: "More than 5% of chat requests ended in an error over 5 minutes",
    part: { namespace, metricName: "ChatErrors", dimensions },
    whole: { namespace, metricName: "ChatRequests", dimensions },
    label: "Chat error rate (%)",
  });

  // A throttled chat gets no answer at all: any throttle means the concurrency limit was reached
  // (each streaming answer holds one instance for its whole length).
  new aws.cloudwatch.MetricAlarm("ServerThrottlesAlarm", {
    ...common,
    name: `${prefix}-server-throttles`,
    alarmDescription: "The server function was throttled",
    namespace: "AWS/Lambda",
    metricName: "Throttles",
    dimensions: { FunctionName: functionName },
    statistic: "Sum",
    period: FIVE_MINUTES,
    evaluationPeriods: 1,
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
  });
}

type MetricName = { namespace: string; metricName: string; dimensions: Record<string, $util.Input<string>> };

/** Alarms when `part` is more than 5% of `whole` over five minutes (no data: not breaching). */
function percentAlarm(
  name: string,
  { part, whole, label, ...alarm }: { part: MetricName; whole: MetricName; label: string } & Pick<aws.cloudwatch.MetricAlarmArgs, "name" | "alarmDescription" | "alarmActions" | "okActions" | "treatMissingData">,
) {
  const sum = (metric: MetricName) => ({ ...metric, stat: "Sum", period: FIVE_MINUTES });
  new aws.cloudwatch.MetricAlarm(name, {
    ...alarm,
    metricQueries: [
      { id: "part", metric: sum(part) },
      { id: "whole", metric: sum(whole) },
      { id: "rate", expression: "IF(whole > 0, 100 * part / whole, 0)", label, returnData: true },
    ],
    evaluationPeriods: 1,
    comparisonOperator: "GreaterThanThreshold",
    threshold: 5,
  });
}

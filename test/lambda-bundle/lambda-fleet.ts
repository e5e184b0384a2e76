import { type LocalDynamoDB, startLocalDynamoDB } from "@/test/support/local-dynamodb";
import { type LambdaEnvironment, type LocalLambdaOptions, startLambdaEnvironment } from "./lambda-harness";

// Several execution environments of one function on one DynamoDB-compatible server: what Lambda
// runs when requests for the same chat overlap, since an environment takes one request at a time
// and the next one lands on another (warm or cold) environment.

/** An environment of the fleet; `caller` is the access key id its store requests are signed with. */
export type FleetEnvironment = LambdaEnvironment & { caller: string };

export type LambdaFleet = {
  /** The environments, each with its own Runtime API and function process. */
  environments: FleetEnvironment[];
  dynamo: LocalDynamoDB;
  stop(): Promise<void>;
};

/**
 * Starts `count` environments and waits until each has listed the chats (its cold start is over
 * and its store open). Each signs its store requests with an access key id of its own, so the
 * store's request counts tell the environments apart.
 */
export async function startLambdaFleet({ count, ...options }: LocalLambdaOptions & { count: number }): Promise<LambdaFleet> {
  const dynamo = await startLocalDynamoDB();
  const environments: FleetEnvironment[] = [];
  const stop = async () => {
    await Promise.all(environments.map((environment) => environment.stop()));
    await dynamo.close();
  };
  try {
    for (let index = 0; index < count; index += 1) {
      const caller = `AKIDLAMBDAFLEET${index}`;
      const environment = await startLambdaEnvironment({ ...options, env: { ...options.env, AWS_ACCESS_KEY_ID: caller }, dynamoEndpoint: dynamo.endpoint });
      environments.push({ ...environment, caller });
    }
    await Promise.all(environments.map((environment) => environment.request({ path: "/api/chats" })));
  } catch (error) {
    await stop();
    throw error;
  }
  return { environments, dynamo, stop };
}

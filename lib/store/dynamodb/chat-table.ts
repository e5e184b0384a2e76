import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** The one table the DynamoDB adapters share (its design: README.md here), through one document client. */
export type ChatTable = { tableName: string; documents: DynamoDBDocumentClient };

/** The write lost a race or found nothing to change: its condition did not hold. */
export const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** The conditional write's result, or `otherwise` when its condition did not hold. */
export async function unlessConditionFails<Result, Otherwise>(write: Promise<Result>, otherwise: Otherwise): Promise<Result | Otherwise> {
  try {
    return await write;
  } catch (error) {
    if (isConditionFailure(error)) return otherwise;
    throw error;
  }
}

/** Whether the conditional write was made (false: its condition did not hold). */
export const conditionHeld = (write: Promise<unknown>): Promise<boolean> => unlessConditionFails(write.then(() => true), false);

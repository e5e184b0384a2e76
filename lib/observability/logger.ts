import { Logger } from "@aws-lambda-powertools/logger";
import type { LogLevel } from "@aws-lambda-powertools/logger/types";
import { DEFAULT_LOG_LEVEL, SERVICE_NAME } from "./service";

type LoggerOptions = { serviceName?: string; logLevel?: LogLevel };

/**
 * A JSON-lines logger (Powertools): `level`, `message`, `timestamp`, `service`, then the keys given
 * with each call. On Lambda the lines go to CloudWatch Logs as they are; locally they go to stdout
 * (warnings and errors to stderr).
 *
 * One logger serves concurrent requests, so request keys (requestId, chatId) are passed with each
 * call, never appended to the logger. Never log message contents or secrets: errors go through
 * `errorForLog`.
 */
function createLogger({ serviceName = SERVICE_NAME, logLevel = DEFAULT_LOG_LEVEL }: LoggerOptions = {}): Logger {
  return new Logger({ serviceName, logLevel });
}

export const logger = createLogger();

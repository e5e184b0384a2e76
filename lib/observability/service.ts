// Names the operators' dashboards and the SST alarms rely on: change them together.

/** The `service` key of every log line and the `service` dimension of every metric. */
export const SERVICE_NAME = "parley";

/** The CloudWatch namespace of the metrics. */
export const METRICS_NAMESPACE = "Parley";

/** Until configuration says otherwise (see `logger.setLogLevel`). */
export const DEFAULT_LOG_LEVEL = "INFO";

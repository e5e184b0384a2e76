// Settings of a deploy, read by `sst.config.ts` from the environment of `sst deploy` / `sst dev`
// (SST also loads `.env` and `.env.<stage>` next to the config into it). They shape the AWS
// resources, not the running app: the app's own configuration is `lib/env.ts`. Kept free of SST's
// globals so that it is type-checked with the app and unit-tested.

export type DeploySettings = {
  /** Server function instances a cron pings every 5 minutes so they stay warm; 0 turns warming off. */
  warm: number;
  /** Where alarm notifications are emailed (through an SNS topic); none when unset. */
  alarmEmail: string | undefined;
};

export class DeploySettingsError extends Error {
  override name = "DeploySettingsError";
}

/** Each warm instance costs a ping every 5 minutes; more than this is a typo, not a plan. */
const MAX_WARM = 50;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const setting = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value.trim());

export function parseDeploySettings(source: Record<string, string | undefined>): DeploySettings {
  const warmText = setting(source.PARLEY_WARM);
  const warm = warmText === undefined ? 1 : Number(warmText);
  if (!Number.isInteger(warm) || warm < 0 || warm > MAX_WARM) {
    throw new DeploySettingsError(`PARLEY_WARM must be a whole number from 0 to ${MAX_WARM}, got "${warmText}"`);
  }
  const alarmEmail = setting(source.PARLEY_ALARM_EMAIL);
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail)) {
    throw new DeploySettingsError(`PARLEY_ALARM_EMAIL must be an email address, got "${alarmEmail}"`);
  }
  return { warm, alarmEmail };
}

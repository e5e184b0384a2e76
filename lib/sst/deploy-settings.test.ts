import { describe, expect, it } from "vitest";
import { DeploySettingsError, parseDeploySettings } from "./deploy-settings";

describe("parseDeploySettings", () => {
  it("keeps one instance warm and sends no alarm email by default", () => {
    expect(parseDeploySettings({})).toEqual({ warm: 1, alarmEmail: undefined });
    expect(parseDeploySettings({ PARLEY_WARM: " ", PARLEY_ALARM_EMAIL: "" })).toEqual({ warm: 1, alarmEmail: undefined });
  });

  it("reads the warm count (0 turns warming off) and the alarm email", () => {
    expect(parseDeploySettings({ PARLEY_WARM: "0", PARLEY_ALARM_EMAIL: " ops@example.com " })).toEqual({
      warm: 0,
      alarmEmail: "ops@example.com",
    });
    expect(parseDeploySettings({ PARLEY_WARM: "3" }).warm).toBe(3);
  });

  it("refuses a warm count that is not a small whole number, and an address that is not one", () => {
    for (const value of ["two", "1.5", "-1", "51"]) {
      expect(() => parseDeploySettings({ PARLEY_WARM: value })).toThrow(DeploySettingsError);
    }
    expect(() => parseDeploySettings({ PARLEY_ALARM_EMAIL: "ops" })).toThrow(/PARLEY_ALARM_EMAIL/);
  });
});

import { describe, expect, it } from "vitest";
import { needsApproval } from "./tool-approval-policy";

describe("needsApproval", () => {
  it("follows the operator's policy over the tool's own declaration", () => {
    expect(needsApproval({}, undefined)).toBe(false);
    expect(needsApproval({}, "always")).toBe(true);
    expect(needsApproval({ approval: "always" }, undefined)).toBe(true);
    expect(needsApproval({ approval: "always" }, "never")).toBe(false);
  });

  it("under `hints`, asks unless the tool only reads or says it destroys nothing", () => {
    expect(needsApproval({}, "hints")).toBe(true);
    expect(needsApproval({ hints: { readOnly: true } }, "hints")).toBe(false);
    expect(needsApproval({ hints: { destructive: false } }, "hints")).toBe(false);
    expect(needsApproval({ hints: { readOnly: false, destructive: true } }, "hints")).toBe(true);
    expect(needsApproval({ approval: "hints", hints: { readOnly: true } }, undefined)).toBe(false);
  });
});

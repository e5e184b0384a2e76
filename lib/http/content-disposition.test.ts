import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "./content-disposition";

describe("attachmentDisposition", () => {
  it("gives an ASCII name and the exact one in UTF-8", () => {
    expect(attachmentDisposition("Météo à Paris (2).md")).toBe(
      `attachment; filename="M_t_o _ Paris (2).md"; filename*=UTF-8''M%C3%A9t%C3%A9o%20%C3%A0%20Paris%20%282%29.md`,
    );
  });

  it("never lets quotes or backslashes end the quoted name", () => {
    expect(attachmentDisposition('a"b\\c.md')).toBe(`attachment; filename="a_b_c.md"; filename*=UTF-8''a%22b%5Cc.md`);
  });
});

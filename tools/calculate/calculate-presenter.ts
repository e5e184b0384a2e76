import type { ToolPresenter } from "@/lib/tools/tool-presenter";
import type { calculate } from "./calculate";

export const calculatePresenter: ToolPresenter<typeof calculate> = {
  label: "Calculator",
  mainInput: (input) => input.expression,
  summarize: (output) => `${output.expression} = ${output.result}`,
};

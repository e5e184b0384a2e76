// The languages code blocks are coloured in, and the other names models give them. Only names:
// the grammars themselves are loaded when an answer first uses one (highlight-code.ts).

const languageNames = [
  "bash", "c", "cpp", "csharp", "css", "diff", "dockerfile", "go", "java", "javascript", "json", "kotlin", "latex",
  "markdown", "php", "python", "ruby", "rust", "sql", "swift", "typescript", "xml", "yaml",
] as const;

export type CodeLanguageName = (typeof languageNames)[number];

const aliases: Record<string, CodeLanguageName> = {
  sh: "bash",
  shell: "bash",
  zsh: "bash",
  console: "bash",
  "c++": "cpp",
  "c#": "csharp",
  cs: "csharp",
  golang: "go",
  js: "javascript",
  jsx: "javascript",
  mjs: "javascript",
  ts: "typescript",
  tsx: "typescript",
  kt: "kotlin",
  tex: "latex",
  md: "markdown",
  py: "python",
  rb: "ruby",
  rs: "rust",
  html: "xml",
  svg: "xml",
  yml: "yaml",
  docker: "dockerfile",
};

const known = new Set<string>(languageNames);

/** The grammar a fence's language word names, if the app colours it. */
export function codeLanguageName(language: string): CodeLanguageName | undefined {
  const name = language.trim().toLowerCase();
  if (known.has(name)) return name as CodeLanguageName;
  return Object.hasOwn(aliases, name) ? aliases[name] : undefined;
}

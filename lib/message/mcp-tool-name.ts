// The name the model calls an MCP tool by: `<server>__<tool>`. Every provider takes tool names of
// `^[A-Za-z0-9_-]{1,64}$`, so the server's own tool name is fitted to that; server names have no
// underscore (MCP_SERVER_NAME in lib/mcp/mcp-config.ts), so the first `__` separates the two again. Loaded in the browser
// too (the chips show the server): no server-side imports.

const SEPARATOR = "__";
const MAX_TOOL_NAME = 64;
const SERVER_PREFIX = /^([A-Za-z0-9][A-Za-z0-9-]{0,29})__./;

/**
 * A unique name for `toolName` of `server` among `taken`: characters other than letters, digits,
 * `_` and `-` become `_`; a name too long, or one that two tools would share, ends in a short hash
 * of the tool's own name.
 */
export function mcpToolName(server: string, toolName: string, taken: ReadonlySet<string>): string {
  const readable = `${server}${SEPARATOR}${toolName.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  if (readable.length <= MAX_TOOL_NAME && !taken.has(readable)) return readable;
  for (let attempt = 0; ; attempt++) {
    const suffix = `-${shortHash(`${toolName}#${attempt}`)}`;
    const name = `${readable.slice(0, MAX_TOOL_NAME - suffix.length)}${suffix}`;
    if (!taken.has(name)) return name;
  }
}

/** The MCP server a tool name belongs to, or undefined for Parley's own tools. */
export function mcpServerOf(toolName: string): string | undefined {
  return SERVER_PREFIX.exec(toolName)?.[1];
}

/** The tool's part of the name, as the chip shows it (`echo` of `everything__echo`). */
export function mcpToolLabel(toolName: string): string {
  const server = mcpServerOf(toolName);
  return server === undefined ? toolName : toolName.slice(server.length + SEPARATOR.length);
}

/** FNV-1a, six base-36 digits: enough to tell a server's tools apart, and the same in every process. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(6, "0").slice(-6);
}

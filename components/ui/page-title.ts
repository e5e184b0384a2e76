// The browser tab's title of a page: its own title, then the app's. The layout's metadata writes it
// on the server; a page whose title changes while it is open (a chat renamed) writes it here.

export const PAGE_TITLE_TEMPLATE = "%s · Parley";

export const pageTitle = (title: string) => PAGE_TITLE_TEMPLATE.replace("%s", title);

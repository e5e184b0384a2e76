import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { applyStoredThemeScript, themeColors } from "@/components/theme/theme-preference";
import { PAGE_TITLE_TEMPLATE } from "@/components/ui/page-title";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Parley", template: PAGE_TITLE_TEMPLATE },
  description: "Chat with a language model and watch its tools run live.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  // The composer stays above the on-screen keyboard on phones.
  interactiveWidget: "resizes-content",
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: themeColors.light },
    { media: "(prefers-color-scheme: dark)", color: themeColors.dark },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The page's CSP nonce (proxy.ts): the theme script must carry it to run.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The theme script sets data-theme on <html> before React hydrates it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: applyStoredThemeScript }} />
      </head>
      {/* System font stack (Tailwind's font-sans): nothing is fetched at build or run time. */}
      <body className="font-sans antialiased">{children}</body>
    </html>
  );
}

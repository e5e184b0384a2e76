// Fixed to en-US, so the server's render and the browser's agree whatever their locales.
const tokenCount = new Intl.NumberFormat("en-US");
const dollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const smallDollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumSignificantDigits: 2, maximumSignificantDigits: 2 });

/** "1,234". */
export function formatCount(count: number): string {
  return tokenCount.format(count);
}

/** "1,234 tokens", "1 token". */
export function formatTokens(count: number): string {
  return `${formatCount(count)} ${count === 1 ? "token" : "tokens"}`;
}

/** "$12.35", "$0.25"; below ten cents two significant digits ("$0.0012"), since an answer often costs a fraction of a cent. */
export function formatCost(cost: number): string {
  if (cost === 0) return "$0";
  return cost >= 0.1 ? dollars.format(cost) : smallDollars.format(cost);
}

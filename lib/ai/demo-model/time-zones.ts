// Places people ask the time of, mapped to IANA zones. Several names may share a zone; the first
// name listed for a zone is the one an answer uses when the question names none of them.
const placeTimeZones: ReadonlyArray<readonly [place: string, timeZone: string]> = [
  ["London", "Europe/London"],
  ["Dublin", "Europe/Dublin"],
  ["Lisbon", "Europe/Lisbon"],
  ["Reykjavik", "Atlantic/Reykjavik"],
  ["Paris", "Europe/Paris"],
  ["Berlin", "Europe/Berlin"],
  ["Munich", "Europe/Berlin"],
  ["Madrid", "Europe/Madrid"],
  ["Barcelona", "Europe/Madrid"],
  ["Rome", "Europe/Rome"],
  ["Milan", "Europe/Rome"],
  ["Amsterdam", "Europe/Amsterdam"],
  ["Brussels", "Europe/Brussels"],
  ["Vienna", "Europe/Vienna"],
  ["Zurich", "Europe/Zurich"],
  ["Geneva", "Europe/Zurich"],
  ["Stockholm", "Europe/Stockholm"],
  ["Oslo", "Europe/Oslo"],
  ["Copenhagen", "Europe/Copenhagen"],
  ["Helsinki", "Europe/Helsinki"],
  ["Warsaw", "Europe/Warsaw"],
  ["Prague", "Europe/Prague"],
  ["Athens", "Europe/Athens"],
  ["Kyiv", "Europe/Kyiv"],
  ["Kiev", "Europe/Kyiv"],
  ["Istanbul", "Europe/Istanbul"],
  ["Moscow", "Europe/Moscow"],
  ["Cairo", "Africa/Cairo"],
  ["Lagos", "Africa/Lagos"],
  ["Nairobi", "Africa/Nairobi"],
  ["Johannesburg", "Africa/Johannesburg"],
  ["Cape Town", "Africa/Johannesburg"],
  ["Dubai", "Asia/Dubai"],
  ["Tehran", "Asia/Tehran"],
  ["Karachi", "Asia/Karachi"],
  ["Mumbai", "Asia/Kolkata"],
  ["New Delhi", "Asia/Kolkata"],
  ["Delhi", "Asia/Kolkata"],
  ["Bangalore", "Asia/Kolkata"],
  ["Kolkata", "Asia/Kolkata"],
  ["Dhaka", "Asia/Dhaka"],
  ["Bangkok", "Asia/Bangkok"],
  ["Jakarta", "Asia/Jakarta"],
  ["Singapore", "Asia/Singapore"],
  ["Kuala Lumpur", "Asia/Kuala_Lumpur"],
  ["Manila", "Asia/Manila"],
  ["Hong Kong", "Asia/Hong_Kong"],
  ["Shanghai", "Asia/Shanghai"],
  ["Beijing", "Asia/Shanghai"],
  ["Taipei", "Asia/Taipei"],
  ["Seoul", "Asia/Seoul"],
  ["Tokyo", "Asia/Tokyo"],
  ["Osaka", "Asia/Tokyo"],
  ["Sydney", "Australia/Sydney"],
  ["Melbourne", "Australia/Melbourne"],
  ["Brisbane", "Australia/Brisbane"],
  ["Perth", "Australia/Perth"],
  ["Auckland", "Pacific/Auckland"],
  ["Honolulu", "Pacific/Honolulu"],
  ["Anchorage", "America/Anchorage"],
  ["Los Angeles", "America/Los_Angeles"],
  ["San Francisco", "America/Los_Angeles"],
  ["Seattle", "America/Los_Angeles"],
  ["Vancouver", "America/Vancouver"],
  ["Denver", "America/Denver"],
  ["Phoenix", "America/Phoenix"],
  ["Chicago", "America/Chicago"],
  ["Houston", "America/Chicago"],
  ["Dallas", "America/Chicago"],
  ["Mexico City", "America/Mexico_City"],
  ["Toronto", "America/Toronto"],
  ["Montreal", "America/Toronto"],
  ["New York", "America/New_York"],
  ["New York City", "America/New_York"],
  ["NYC", "America/New_York"],
  ["Boston", "America/New_York"],
  ["Washington", "America/New_York"],
  ["Miami", "America/New_York"],
  ["Atlanta", "America/New_York"],
  ["Bogotá", "America/Bogota"],
  ["Lima", "America/Lima"],
  ["Santiago", "America/Santiago"],
  ["Buenos Aires", "America/Argentina/Buenos_Aires"],
  ["São Paulo", "America/Sao_Paulo"],
  ["Rio de Janeiro", "America/Sao_Paulo"],
];

/** "São Paulo", "sao paulo" and "SAO  PAULO" are the same place. */
function placeKey(place: string): string {
  return place
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const timeZoneByPlace = new Map(placeTimeZones.map(([place, timeZone]) => [placeKey(place), timeZone]));

/**
 * The IANA zone of a known place. Anything else (an IANA name such as "Europe/Berlin" or "UTC",
 * or a place the table does not know) is returned as it is: the tool decides, and says plainly
 * when it does not know a zone.
 */
export function timeZoneForPlace(place: string): string {
  return timeZoneByPlace.get(placeKey(place)) ?? place;
}

/**
 * The place an answer names for a zone: the one the question asked about when it mentions one
 * (so "San Francisco" is not answered as "Los Angeles"), else the table's first, else the zone.
 */
export function placeForTimeZone(timeZone: string, question: string): string {
  const questionKey = ` ${placeKey(question).replace(/[^\p{L}\d ]+/gu, " ")} `;
  let fallback: string | undefined;
  for (const [place, zone] of placeTimeZones) {
    if (zone !== timeZone) continue;
    if (questionKey.includes(` ${placeKey(place)} `)) return place;
    fallback ??= place;
  }
  return fallback ?? timeZone;
}

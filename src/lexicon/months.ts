/**
 * Month names as English-language report forms print them (12 March 2024, Mar 12, 2024, 12-Mar-2024): each month's
 * full name and its abbreviations. Data only; the date reader (src/parse/normalize/dates.ts) builds its English
 * date patterns from this list. Index 0 is January.
 */
export const MONTH_NAMES: readonly (readonly string[])[] = [
  ["January", "Jan"],
  ["February", "Feb"],
  ["March", "Mar"],
  ["April", "Apr"],
  ["May"],
  ["June", "Jun"],
  ["July", "Jul"],
  ["August", "Aug"],
  ["September", "Sept", "Sep"],
  ["October", "Oct"],
  ["November", "Nov"],
  ["December", "Dec"],
];

/** Ordinal endings a day may carry before or after its month (1st March 2024, March 1st, 2024). */
export const DAY_ORDINALS: readonly string[] = ["st", "nd", "rd", "th"];

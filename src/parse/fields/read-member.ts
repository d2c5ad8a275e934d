import type { TeamMember } from "../../domain/record.ts";
import type { DocLine } from "../text/lines.ts";

/** A member as read, with the confidence of each character of the name (for the vote across places). */
export interface ReadMember {
  member: TeamMember;
  nameConfs: number[];
  line: DocLine;
}

import { register } from "tsx/esm/api";
process.on("disconnect", () => process.exit(1));
register();
const { default: processor } = await import("./proc.ts");
export default processor;

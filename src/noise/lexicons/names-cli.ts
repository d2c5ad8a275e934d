/**
 * npm run noise:names -- <folder of the @faker-js/faker package>
 *
 * Writes src/noise/data/names.json: Chinese surnames and the frequency of each character in given names, from a
 * public list (the zh_CN person locale of @faker-js/faker, MIT), never from this project's generator pools. The
 * package is not a dependency: run `npm pack @faker-js/faker` somewhere, unpack it, and pass its folder.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

interface PersonDefs {
  last_name: { generic?: string[] };
  first_name: Record<string, string[]>;
}

async function main(): Promise<void> {
  const [dir, out = "src/noise/data/names.json"] = process.argv.slice(2);
  if (!dir) throw new Error("usage: noise:names <folder of the @faker-js/faker package>");
  const pkg = (await import(pathToFileURL(path.join(dir, "package.json")).href, { with: { type: "json" } }))
    .default as { version: string };
  const mod = (await import(pathToFileURL(path.join(dir, "dist/locale/zh_CN.js")).href)) as {
    faker: { rawDefinitions: { person: PersonDefs } };
  };
  const person = mod.faker.rawDefinitions.person;
  const surnames = [...new Set(person.last_name.generic ?? [])].sort();
  const given: Record<string, number> = {};
  for (const names of Object.values(person.first_name)) {
    for (const name of names) for (const ch of name) given[ch] = (given[ch] ?? 0) + 1;
  }
  const data = {
    about: `Surnames and given-name character counts from @faker-js/faker ${pkg.version}, locale zh_CN, person.last_name and person.first_name (MIT). Written by npm run noise:names.`,
    surnames,
    given: Object.fromEntries(Object.entries(given).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
  };
  await writeFile(out, `${JSON.stringify(data)}\n`);
  console.log(`${surnames.length} surnames, ${Object.keys(given).length} given-name characters -> ${out}`);
}

await main();

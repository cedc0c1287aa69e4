// Copies the project's CSS and JS modules, the hub example page, the SignalR browser client and only the icons the
// code references into ProcessStudio.Web/wwwroot.
// Run by the Web project's build (see ProcessStudio.Web.csproj) after `npm ci`.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..");
const out = resolve(here, "..", "ProcessStudio.Web", "wwwroot");
const lucide = join(here, "node_modules", "lucide-static", "icons");

mkdirSync(out, { recursive: true });
for (const folder of ["css", "js", "examples"]) {
  rmSync(join(out, folder), { recursive: true, force: true });
  cpSync(join(here, folder), join(out, folder), { recursive: true });
}

// Inter (variable, latin subset) for the UI typeface.
mkdirSync(join(out, "fonts"), { recursive: true });
cpSync(join(here, "node_modules", "@fontsource-variable", "inter", "files", "inter-latin-wght-normal.woff2"), join(out, "fonts", "inter-latin-wght-normal.woff2"));
cpSync(join(here, "node_modules", "@fontsource-variable", "inter", "LICENSE"), join(out, "fonts", "LICENSE.inter.txt"));

// The SignalR JavaScript client for the hub example page and for other programs' browser pages.
const signalr = join(here, "node_modules", "@microsoft", "signalr");
rmSync(join(out, "lib", "signalr"), { recursive: true, force: true });
mkdirSync(join(out, "lib", "signalr"), { recursive: true });
for (const file of ["signalr.min.js", "signalr.min.js.map"]) cpSync(join(signalr, "dist", "browser", file), join(out, "lib", "signalr", file));

// Icon names appear in code as Icon="name" / Icon = "name"; icons.json lists names chosen at runtime.
const iconPattern = /Icon\s*=\s*"([a-z0-9-]+)"/g;
const names = new Set(JSON.parse(readFileSync(join(here, "icons.json"), "utf8")));
const walk = (dir) => {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    if (entry === "bin" || entry === "obj" || entry === "wwwroot" || entry === "node_modules") continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(cs|razor)$/.test(entry)) for (const m of readFileSync(path, "utf8").matchAll(iconPattern)) names.add(m[1]);
  }
};
walk(join(repo, "ProcessStudio.Engine"));
walk(join(repo, "ProcessStudio.Web", "Ui"));

const iconsOut = join(out, "icons");
rmSync(iconsOut, { recursive: true, force: true });
mkdirSync(iconsOut, { recursive: true });
const aliases = JSON.parse(readFileSync(join(here, "icon-aliases.json"), "utf8"));
const missing = [];
for (const name of names) {
  const drawn = existsSync(join(lucide, `${name}.svg`)) ? name : aliases[name] ?? name;
  const source = join(lucide, `${drawn}.svg`);
  if (!existsSync(source)) { missing.push(name); continue; }
  // Drop the license comment and fixed size: the UI sizes icons with CSS.
  const svg = readFileSync(source, "utf8")
    .replace(/<!--[\s\S]*?-->\s*/, "")
    .replace(/\s(width|height)="24"/g, "")
    .replace(/\n\s*/g, " ")
    .trim();
  writeFileSync(join(iconsOut, `${name}.svg`), svg);
}
writeFileSync(join(iconsOut, "LICENSE.lucide.txt"), readFileSync(join(here, "node_modules", "lucide-static", "LICENSE")));
console.log(`wwwroot-assets: ${names.size - missing.length} icons copied${missing.length ? `; not in lucide: ${missing.join(", ")}` : ""}`);

// Gives wasm-bindgen's glue the short import and export names that binaryen's
// --minify-imports-and-exports-and-modules gave the wasm (scripts/finish-release.sh).
// wasm-bindgen names every import after the JS it calls plus a 16-digit hash
// (`__wbg_setAttribute_7a5e…`) and every closure export after its Rust types; the names
// are written twice, in the wasm and in the glue, and hashes do not compress.
// Usage: node scripts/minify-wasm-names.mjs MAP GLUE
//   MAP: what wasm-opt printed, {"imports": [[module, name, new]…], "exports": [[name, new]…]}
//   GLUE: wasm-bindgen's JS for that wasm, rewritten in place.
// It fails, leaving GLUE as it was, when the glue does not name what the map renames:
// a wasm whose imports the glue cannot provide would only fail in the browser.
import { readFileSync, writeFileSync } from "node:fs";

const [mapPath, gluePath] = process.argv.slice(2);
if (!mapPath || !gluePath) {
    console.error("usage: node scripts/minify-wasm-names.mjs MAP GLUE");
    process.exit(2);
}
const map = JSON.parse(readFileSync(mapPath, "utf8"));
let glue = readFileSync(gluePath, "utf8");
const fail = (message) => {
    console.error(`minify-wasm-names: ${message}`);
    process.exit(1);
};
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Every import comes from the glue's one module, which binaryen renames "a".
const modules = new Set(map.imports.map(([module]) => module));
if (modules.size !== 1) {
    fail(`expected the imports of one module, found ${[...modules].join(", ") || "none"}`);
}
const [module] = modules;
const moduleKey = new RegExp(`"${escape(module)}"(\\s*:)`, "g");
if ((glue.match(moduleKey) || []).length !== 1) {
    fail(`the glue does not name the module ${module} once`);
}
glue = glue.replace(moduleKey, '"a"$1');

// Imports are the keys of the glue's import object: `__wbg_…: function(`.
for (const [, name, short] of map.imports) {
    const key = new RegExp(`(^|[\\s,{])${escape(name)}(\\s*:\\s*function\\b)`, "gm");
    const found = (glue.match(key) || []).length;
    if (found !== 1) {
        fail(`the import ${name} is defined ${found} times in the glue`);
    }
    // A function, not a replacement pattern: short names may start with `$`.
    glue = glue.replace(key, (whole, before, after) => `${before}${short}${after}`);
}

// Exports are read as `wasm.NAME`.
const exports = new Map(map.exports);
glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (whole, name) => {
    if (exports.has(name)) {
        return `wasm.${exports.get(name)}`;
    }
    // wasm-streams' classes, whose exports finish-release.sh removes on purpose.
    if (/intounderlying/i.test(name)) {
        return whole;
    }
    fail(`the glue reads the export ${name}, which the wasm does not have`);
});

writeFileSync(gluePath, glue);

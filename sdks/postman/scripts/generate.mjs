/**
 * Generates panelrelay.postman_collection.json from ../../openapi.yaml.
 *
 * openapi-to-postmanv2 does the conversion; this script then makes its output
 * byte-for-byte reproducible and fits it to panelrelay:
 *  - the example values it fakes come from a seeded Math.random and a fixed clock,
 *    and the random `id` / `_postman_id` fields are removed;
 *  - each request authenticates as its operation's security scheme says:
 *    AdminAuth -> {{adminKey}}, WorkspaceAuth -> {{workspaceKey}}, none -> no auth
 *    (and the generation fails if that disagrees with the path rule: /v1/workspaces*
 *    is the platform admin's, every other /v1/... the workspace's, /healthz and
 *    /readyz open);
 *  - only the success (2xx) examples are kept, to keep the file reviewable;
 *  - a `smoke` folder with pm.test assertions is added first (see smoke-folder.mjs).
 *
 * Usage: npm run generate            (writes the collection)
 *        npm run generate -- --check (exits 1 if the committed file is stale)
 *        --spec FILE / --out FILE    (another spec or output, for trying things)
 */
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { smokeFolder } from "./smoke-folder.mjs";

const here = dirname(fileURLToPath(import.meta.url));
function flag(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : fallback;
}
const specPath = flag("--spec", resolve(here, "../../../openapi.yaml"));
const outPath = flag("--out", resolve(here, "../panelrelay.postman_collection.json"));
const require = createRequire(import.meta.url);

// Determinism: the converter fakes example values with Math.random and the current
// time. Both are fixed for the conversion and put back afterwards.
const realRandom = Math.random;
const RealDate = Date;
const FIXED_NOW = RealDate.UTC(2026, 0, 1);
let seed = 20260101;
Math.random = () => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
globalThis.Date = class extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(FIXED_NOW);
    else super(...args);
  }
  static now() {
    return FIXED_NOW;
  }
};

const converter = require("openapi-to-postmanv2");
const yaml = require("js-yaml");

const specText = readFileSync(specPath, "utf8");
const spec = yaml.load(specText);

const raw = await new Promise((done, fail) => {
  converter.convert(
    { type: "string", data: specText },
    {
      folderStrategy: "Tags",
      requestNameSource: "Fallback",
      parametersResolution: "Schema",
      schemaFaker: true,
      enableOptionalParameters: false,
      includeAuthInfoInExample: false,
      indentCharacter: "Space",
    },
    (err, result) => {
      if (err) return fail(err);
      if (!result.result) return fail(new Error(`conversion failed: ${result.reason}`));
      done(result.output[0].data);
    },
  );
});
Math.random = realRandom;
globalThis.Date = RealDate;

/** Removes the converter's random ids, wherever they are. */
function stripIds(value) {
  if (Array.isArray(value)) return value.map(stripIds);
  if (value && typeof value === "object") {
    const out = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === "id" || key === "_postman_id") continue;
      out[key] = stripIds(inner);
    }
    return out;
  }
  return value;
}

const bearer = (variable) => ({ type: "bearer", bearer: [{ key: "token", value: `{{${variable}}}`, type: "string" }] });
const NO_AUTH = { type: "noauth" };

/** The auth variable an operation needs, from the spec's security requirement. */
function specAuth(path, method) {
  const op = spec.paths?.[path]?.[method];
  if (!op) throw new Error(`request ${method.toUpperCase()} ${path} is not in the spec`);
  const security = op.security ?? spec.security ?? [];
  const schemes = new Set(security.flatMap((req) => Object.keys(req)));
  if (schemes.size === 0) return null;
  if (schemes.size > 1) throw new Error(`${method.toUpperCase()} ${path}: more than one security scheme`);
  const [scheme] = schemes;
  if (scheme === "AdminAuth") return "adminKey";
  if (scheme === "WorkspaceAuth") return "workspaceKey";
  throw new Error(`${method.toUpperCase()} ${path}: unknown security scheme ${scheme}`);
}

/** The auth variable the path rule of the issue expects. */
function pathRuleAuth(path) {
  // Probes, and the webhook ingress (providers sign with the channel's secret instead).
  if (path === "/healthz" || path === "/readyz" || path.startsWith("/webhooks/")) return null;
  if (path === "/v1/workspaces" || path.startsWith("/v1/workspaces/")) return "adminKey";
  if (path.startsWith("/v1/")) return "workspaceKey";
  throw new Error(`${path}: no auth rule for this path`);
}

/** "Create a channel (owner). Secrets are ..." -> "Create a channel (owner)" */
function shortName(summary) {
  const flat = summary.replace(/\s+/g, " ").trim();
  let first = flat.split(/(?<=\.)\s/)[0].replace(/\.$/, "");
  if (first.length > 80) first = first.split(/:\s/)[0];
  return first.length > 0 ? first : flat;
}

let requests = 0;
function fixItem(item) {
  if (Array.isArray(item.item)) {
    item.item = item.item.map(fixItem);
    return item;
  }
  const request = item.request;
  const path = "/" + request.url.path.map((seg) => (seg.startsWith(":") ? `{${seg.slice(1)}}` : seg)).join("/");
  const method = request.method.toLowerCase();
  const want = specAuth(path, method);
  const rule = pathRuleAuth(path);
  if (want !== rule) {
    throw new Error(`${method.toUpperCase()} ${path}: spec says ${want ?? "no auth"}, path rule says ${rule ?? "no auth"}`);
  }
  request.auth = want ? bearer(want) : NO_AUTH;

  const op = spec.paths[path][method];
  const summary = op.summary ?? `${method.toUpperCase()} ${path}`;
  const name = shortName(summary);
  item.name = name;
  request.name = name;
  const text = [summary.replace(/\s+/g, " ").trim(), op.description?.trim()].filter(Boolean).join("\n\n");
  request.description = { content: `\`${method.toUpperCase()} ${path}\`\n\n${text}`, type: "text/markdown" };
  item.response = (item.response ?? []).filter((example) => example.code >= 200 && example.code < 300);
  requests++;
  return item;
}

const collection = stripIds(raw);
collection.item = collection.item.map(fixItem);
collection.info = {
  name: "panelrelay",
  description: {
    content:
      `${spec.info.description}\n\n` +
      "Generated from openapi.yaml by sdks/postman (`npm run generate`); do not edit by hand. " +
      "Set `baseUrl`, `adminKey` (platform admin, `pra_…`) and `workspaceKey` (`prk_…`). " +
      "The `smoke` folder creates a workspace and stores its owner key in `workspaceKey`.",
    type: "text/markdown",
  },
  version: spec.info.version,
  schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
};
collection.auth = bearer("workspaceKey");
collection.variable = [
  { key: "baseUrl", value: "http://127.0.0.1:8080", type: "string" },
  { key: "adminKey", value: "", type: "string" },
  { key: "workspaceKey", value: "", type: "string" },
];
collection.item = [smokeFolder(), ...collection.item];

const ordered = {
  info: collection.info,
  item: collection.item,
  auth: collection.auth,
  event: collection.event ?? [],
  variable: collection.variable,
};
const text = JSON.stringify(ordered, null, 2) + "\n";

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(outPath, "utf8");
  } catch {}
  if (current !== text) {
    console.error(`${outPath} is stale: run npm run generate`);
    process.exit(1);
  }
  console.log(`${outPath} is up to date (${requests} requests)`);
} else {
  writeFileSync(outPath, text);
  console.log(`wrote ${outPath} (${requests} requests + smoke folder)`);
}

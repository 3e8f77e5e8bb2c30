/**
 * The `smoke` folder of the collection: requests with pm.test assertions, meant to run
 * in order (newman --folder smoke) against a fresh server with `baseUrl` and `adminKey`
 * set. It creates a workspace and stores its owner key in `workspaceKey`.
 */

const bearer = (token) => ({ type: "bearer", bearer: [{ key: "token", value: token, type: "string" }] });

function request(name, { method, path, auth, body, tests }) {
  const segments = path.replace(/^\//, "").split("/");
  const req = {
    method,
    header: [{ key: "Accept", value: "application/json" }],
    url: { raw: `{{baseUrl}}/${segments.join("/")}`, host: ["{{baseUrl}}"], path: segments },
    auth,
  };
  if (body !== undefined) {
    req.header.push({ key: "Content-Type", value: "application/json" });
    req.body = { mode: "raw", raw: JSON.stringify(body, null, 2), options: { raw: { language: "json" } } };
  }
  return {
    name,
    event: [{ listen: "test", script: { type: "text/javascript", exec: tests } }],
    request: req,
  };
}

const errorCode = (status, code) => [
  `pm.test("status is ${status}", () => pm.response.to.have.status(${status}));`,
  `pm.test("error.code is ${code}", () => {`,
  `  const body = pm.response.json();`,
  `  pm.expect(body.error.code).to.eql("${code}");`,
  `  pm.expect(body.error.request_id).to.be.a("string");`,
  `});`,
];

export function smokeFolder() {
  return {
    name: "smoke",
    description: {
      content:
        "Smoke test for a fresh server, run in order (`newman run ... --folder smoke`). Needs `baseUrl` and " +
        "`adminKey`; creates a workspace named `Postman smoke` and stores its owner key in `workspaceKey`.",
      type: "text/markdown",
    },
    item: [
      request("healthz is 200", {
        method: "GET",
        path: "/healthz",
        auth: { type: "noauth" },
        tests: [`pm.test("status is 200", () => pm.response.to.have.status(200));`],
      }),
      request("admin creates a workspace", {
        method: "POST",
        path: "/v1/workspaces",
        auth: bearer("{{adminKey}}"),
        body: { name: "Postman smoke" },
        tests: [
          `pm.test("status is 201", () => pm.response.to.have.status(201));`,
          `const body = pm.response.json();`,
          `pm.test("workspace is named Postman smoke", () => pm.expect(body.workspace.name).to.eql("Postman smoke"));`,
          `pm.test("owner key secret starts with prk_", () => {`,
          `  pm.expect(body.owner_key.secret).to.be.a("string");`,
          `  pm.expect(body.owner_key.secret.startsWith("prk_")).to.be.true;`,
          `});`,
          `pm.collectionVariables.set("workspaceKey", body.owner_key.secret);`,
          `pm.collectionVariables.set("smokeWorkspaceId", body.workspace.id);`,
          `// An environment that defines workspaceKey would shadow the collection variable.`,
          `if (pm.environment.has("workspaceKey")) pm.environment.set("workspaceKey", body.owner_key.secret);`,
        ],
      }),
      request("workspace key reads its workspace", {
        method: "GET",
        path: "/v1/workspace",
        auth: bearer("{{workspaceKey}}"),
        tests: [
          `pm.test("status is 200", () => pm.response.to.have.status(200));`,
          `pm.test("same workspace id", () => pm.expect(pm.response.json().id).to.eql(pm.collectionVariables.get("smokeWorkspaceId")));`,
        ],
      }),
      request("create a Telegram channel", {
        method: "POST",
        path: "/v1/channels",
        auth: bearer("{{workspaceKey}}"),
        body: { medium: "telegram", name: "support bot", bot_token: "123:ABC" },
        tests: [
          `pm.test("status is 201", () => pm.response.to.have.status(201));`,
          `pm.test("Location header present", () => pm.response.to.have.header("Location"));`,
          `pm.test("channel is telegram", () => pm.expect(pm.response.json().medium).to.eql("telegram"));`,
        ],
      }),
      request("list channels", {
        method: "GET",
        path: "/v1/channels",
        auth: bearer("{{workspaceKey}}"),
        tests: [
          `pm.test("status is 200", () => pm.response.to.have.status(200));`,
          `pm.test("one channel", () => pm.expect(pm.response.json().items).to.have.lengthOf(1));`,
        ],
      }),
      request("no key is 401", {
        method: "GET",
        path: "/v1/workspace",
        auth: { type: "noauth" },
        tests: errorCode(401, "unauthorized"),
      }),
      request("bad key is 401", {
        method: "GET",
        path: "/v1/workspace",
        auth: bearer("prk_not_a_real_key"),
        tests: errorCode(401, "unauthorized"),
      }),
      request("typo'd field is 400 unknown_field", {
        method: "POST",
        path: "/v1/workspaces",
        auth: bearer("{{adminKey}}"),
        body: { nme: "x" },
        tests: errorCode(400, "unknown_field"),
      }),
    ],
  };
}

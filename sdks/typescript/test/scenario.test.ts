/**
 * What a new user does with the SDK against a live sandbox (fake panel and messengers):
 * create a workspace, connect the panel, add a channel per medium, route a provider, link
 * a customer, simulate a command, let a real message flow, page through the command log
 * and read typed errors. The same scenario as the Python and Rust SDKs' tests.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { createPanelrelayClient, type PanelrelayClient } from "../src/index.js";

const binary = process.env.PANELRELAY_BIN ?? resolve(import.meta.dirname, "../../../../target/debug/panelrelay");
const CUSTOMER = "5123456789";
const WEBHOOK_SECRET = "ts-sdk-hook-secret";
const PANEL_API_KEY = "sandbox-panel-admin-key";

interface Guide {
  adminKey: string;
  panelUrl: string;
  telegramUrl: string;
  telegramBotToken: string;
  greenapiUrl: string;
  greenapiInstance: string;
  greenapiToken: string;
  metaUrl: string;
  metaPhoneNumberId: string;
  metaAccessToken: string;
}

let server: ChildProcess;
let dataDir: string;
let baseUrl: string;
let guide: Guide;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

/** Reads the sandbox's guide until every fake and the admin key are named. */
function readGuide(child: ChildProcess): Promise<Guide> {
  const patterns: [RegExp, (m: RegExpMatchArray, g: Partial<Guide>) => void][] = [
    [/^(pra_\S+)$/, (m, g) => (g.adminKey = m[1])],
    [/^\s*Fake panel\s+(\S+)\/adminapi\/v2/, (m, g) => (g.panelUrl = m[1])],
    [/^\s*Fake Telegram\s+(\S+)\s+\(bot token: (\S+)\)/, (m, g) => ((g.telegramUrl = m[1]), (g.telegramBotToken = m[2]))],
    [
      /^\s*Fake Green API\s+(\S+)\s+\(instance: (\S+), API token: (\S+)\)/,
      (m, g) => ((g.greenapiUrl = m[1]), (g.greenapiInstance = m[2]), (g.greenapiToken = m[3])),
    ],
    [
      /^\s*Fake Meta Graph\s+(\S+)\s+\(phone number id: (\S+), access token: (\S+)\)/,
      (m, g) => ((g.metaUrl = m[1]), (g.metaPhoneNumberId = m[2]), (g.metaAccessToken = m[3])),
    ],
  ];
  return new Promise((done, fail) => {
    const found: Partial<Guide> = {};
    const timer = setTimeout(() => fail(new Error(`the sandbox did not print its guide: ${JSON.stringify(found)}`)), 60_000);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      for (const [pattern, take] of patterns) {
        const match = line.match(pattern);
        if (match) take(match, found);
      }
      if (Object.keys(found).length === 10) {
        clearTimeout(timer);
        done(found as Guide);
      }
    });
    child.once("exit", (code) => fail(new Error(`the sandbox exited with ${code}`)));
  });
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "panelrelay-ts-"));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(binary, ["sandbox", "--listen", `127.0.0.1:${port}`, "--data-dir", dataDir], {
    env: { PATH: process.env.PATH ?? "", PANELRELAY_LOG: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  guide = await readGuide(server);
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      if (attempt > 200) throw new Error("the sandbox did not come up");
    }
    await new Promise((r) => setTimeout(r, 50));
  }
});

after(() => {
  server?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function newWorkspace(name: string): Promise<PanelrelayClient> {
  const admin = createPanelrelayClient({ baseUrl, apiKey: guide.adminKey });
  const created = await admin.POST("/v1/workspaces", { body: { name }, params: { header: {} } });
  assert.equal(created.response.status, 201);
  assert.ok(created.data);
  return createPanelrelayClient({ baseUrl, apiKey: created.data.owner_key.secret });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("a new user sets up a workspace and a customer's command flows", async () => {
  const owner = await newWorkspace("TypeScript SDK");
  const panel = await owner.PUT("/v1/panel", {
    body: { type: "perfect_panel_v2", base_url: guide.panelUrl, api_key: PANEL_API_KEY },
  });
  assert.equal(panel.response.status, 200, JSON.stringify(panel.error));

  const bodies = [
    {
      medium: "telegram" as const,
      bot_token: guide.telegramBotToken,
      name: "support bot",
      webhook_secret: WEBHOOK_SECRET,
      api_base_url: guide.telegramUrl,
    },
    {
      medium: "whatsapp_greenapi" as const,
      id_instance: guide.greenapiInstance,
      api_token: guide.greenapiToken,
      api_base_url: guide.greenapiUrl,
    },
    {
      medium: "whatsapp_meta" as const,
      phone_number_id: guide.metaPhoneNumberId,
      access_token: guide.metaAccessToken,
      app_secret: "ts-sdk-app-secret",
      api_base_url: guide.metaUrl,
    },
  ];
  const channels = [];
  for (const body of bodies) {
    const created = await owner.POST("/v1/channels", { body, params: { header: {} } });
    assert.equal(created.response.status, 201, JSON.stringify(created.error));
    assert.ok(created.data);
    assert.equal(created.response.headers.get("location"), `/v1/channels/${created.data.id}`);
    const shown = JSON.stringify(created.data);
    for (const secret of [guide.telegramBotToken, guide.greenapiToken, guide.metaAccessToken]) {
      assert.ok(!shown.includes(secret), "secrets are write-only");
    }
    channels.push(created.data);
  }
  assert.deepEqual(
    channels.map((c) => c.medium),
    ["telegram", "whatsapp_greenapi", "whatsapp_meta"],
  );
  const telegram = channels[0];

  const route = await owner.POST("/v1/provider-routes", {
    body: { name: "provider one", channel_id: telegram.id, provider_domains: ["provider-one.com"], target_chat_id: "-100777" },
    params: { header: {} },
  });
  assert.equal(route.response.status, 201, JSON.stringify(route.error));
  const link = await owner.POST("/v1/linked-users", {
    body: { medium: "telegram", identity: CUSTOMER, username: "alice" },
    params: { header: {} },
  });
  assert.equal(link.response.status, 201, JSON.stringify(link.error));

  const simulation = await owner.POST("/v1/commands/simulate", {
    body: { medium: "telegram", sender_id: CUSTOMER, text: "2274209, 2274211 refill" },
  });
  assert.ok(simulation.data, JSON.stringify(simulation.error));
  assert.equal(simulation.data.sender, "linked");
  const reasons = Object.fromEntries(simulation.data.outcomes.map((o) => [o.order_id, o.reason]));
  assert.deepEqual(reasons, { 2274209: "accepted", 2274211: "not_yours" });
  assert.deepEqual(
    simulation.data.dispatches.map((d) => d.text),
    ["7450284 refill"],
  );

  // The customer writes twice; the sandbox's worker and sender handle it.
  for (const [n, text] of [
    [1, "2274209 refill"],
    [2, "2274213 refill"],
  ] as const) {
    const update = {
      update_id: 770_000 + n,
      message: {
        message_id: n,
        from: { id: Number(CUSTOMER), is_bot: false, first_name: "Aziz" },
        chat: { id: Number(CUSTOMER), first_name: "Aziz", type: "private" },
        date: Math.floor(Date.now() / 1000),
        text,
      },
    };
    const delivered = await fetch(`${baseUrl}/webhooks/telegram/${telegram.id}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
      body: JSON.stringify(update),
    });
    assert.equal(delivered.status, 200);
  }

  // Page through the command log one entry at a time.
  const deadline = Date.now() + 30_000;
  let first = await owner.GET("/v1/logs/commands", { params: { query: { limit: 1 } } });
  while (!first.data?.next_cursor && Date.now() < deadline) {
    await sleep(200);
    first = await owner.GET("/v1/logs/commands", { params: { query: { limit: 1 } } });
  }
  const texts: string[] = [];
  let page = first.data;
  while (page) {
    texts.push(...page.items.map((entry) => entry.text));
    if (!page.next_cursor) break;
    const next = await owner.GET("/v1/logs/commands", { params: { query: { limit: 1, cursor: page.next_cursor } } });
    page = next.data;
  }
  assert.deepEqual(texts, ["2274213 refill", "2274209 refill"]);

  // The provider group got the clean commands.
  let sent: string[] = [];
  while (Date.now() < deadline) {
    const messages = (await (await fetch(`${guide.telegramUrl}/sent`)).json()) as { chat_id: unknown; text: string }[];
    sent = messages.filter((m) => String(m.chat_id) === "-100777").map((m) => m.text);
    if (sent.includes("7450284 refill") && sent.includes("7450301 refill")) break;
    await sleep(200);
  }
  assert.ok(sent.includes("7450284 refill") && sent.includes("7450301 refill"), JSON.stringify(sent));
});

test("errors arrive typed", async () => {
  const owner = await newWorkspace("Errors");
  const missing = await owner.GET("/v1/channels/{id}", { params: { path: { id: "ch_00000000000000000000000000" } } });
  assert.equal(missing.response.status, 404);
  assert.equal(missing.error?.error.code, "not_found");
  assert.equal(missing.error?.error.request_id, missing.response.headers.get("x-request-id"));

  const typo = await owner.POST("/v1/channels", {
    // A field the Telegram schema does not know is refused, not ignored.
    body: { medium: "telegram", bot_token: guide.telegramBotToken, nme: "typo" } as never,
    params: { header: {} },
  });
  assert.equal(typo.response.status, 400);
  assert.equal(typo.error?.error.code, "unknown_field");
});

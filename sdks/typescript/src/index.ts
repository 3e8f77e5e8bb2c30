/**
 * TypeScript client for the panelrelay API.
 *
 * The types in `schema.d.ts` are generated from the repository's `openapi.yaml`
 * (`npm run generate`); this file only adds a small factory around openapi-fetch.
 */
import createClient, { type Client } from "openapi-fetch";
import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths };

/** The error envelope every failed request returns. */
export type ApiErrorEnvelope = components["schemas"]["ErrorEnvelope"];

/** A typed panelrelay client. */
export type PanelrelayClient = Client<paths>;

/** Options for {@link createPanelrelayClient}. */
export interface ClientOptions {
  /** Base URL of the server, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** A platform admin key (`pra_…`) or a workspace key (`prk_…`). */
  apiKey?: string;
  /** A custom fetch, e.g. for tests or proxies. */
  fetch?: typeof globalThis.fetch;
}

/** Creates a client that sends `Authorization: Bearer <apiKey>` on every request. */
export function createPanelrelayClient(options: ClientOptions): PanelrelayClient {
  const headers: Record<string, string> = {};
  if (options.apiKey) {
    headers["Authorization"] = `Bearer ${options.apiKey}`;
  }
  return createClient<paths>({ baseUrl: options.baseUrl, headers, fetch: options.fetch });
}

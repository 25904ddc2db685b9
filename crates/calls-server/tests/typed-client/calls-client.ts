// A client of the reference server made as a CRM team would make one: types generated
// from /api/openapi.json by openapi-typescript, requests by openapi-fetch, compiled by
// tsc under --strict (scripts/typed-client.sh), then run against a server with demo
// data. Every success is read without `!` or `?.`: the description promises `data`.
import createClient from "openapi-fetch";
import type { paths } from "./calls-api.js";

// Node's, declared here rather than installing @types/node for one line.
declare const process: { argv: string[] };
const [base = "http://127.0.0.1:8080", contactId = "6553f100de30020000000000"] = process.argv.slice(2);
const client = createClient<paths>({
  baseUrl: `${base}/api`,
  headers: { Authorization: "Bearer demo-token" },
});

function fail(what: string, error: unknown): never {
  throw new Error(`${what}: ${JSON.stringify(error)}`);
}

async function listCalls(contact: string): Promise<string[]> {
  const { data, error } = await client.GET("/contacts/{id}/calls.json", {
    params: { path: { id: contact }, query: { per_page: 100 } },
  });
  if (error !== undefined) fail("list", error);
  const page = data.data;
  console.log(`${page.total_count} calls, page ${page.page} of ${page.max_page}`);
  return page.calls.map((item) => item.call.id);
}

async function logCall(contact: string): Promise<string> {
  const { data, error } = await client.POST("/contacts/{id}/calls.json", {
    params: { path: { id: contact } },
    headers: { "Idempotency-Key": crypto.randomUUID() },
    body: {
      call: {
        date: new Date().toISOString().slice(0, 10),
        call_result: "conversation",
        text: "Logged by the typed client",
        phone_number: "+1 555 0100",
        called_via: "",
        recording_link: "",
      },
    },
  });
  if (error !== undefined) fail("log", error);
  return data.data.call.id;
}

async function readCall(id: string): Promise<string> {
  const { data, error } = await client.GET("/calls/{id}.json", { params: { path: { id } } });
  if (error !== undefined) fail("read", error);
  return data.data.call.text;
}

const logged = await logCall(contactId);
const listed = await listCalls(contactId);
if (!listed.includes(logged)) throw new Error(`the logged call ${logged} is not listed: ${listed}`);
if ((await readCall(logged)) !== "Logged by the typed client") throw new Error("the call reads back otherwise");
console.log(`logged, listed and read call ${logged}`);

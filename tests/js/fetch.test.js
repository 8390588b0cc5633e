/* The fetch helpers against a real HTTP server on this machine: a file is fetched once however many
   callers ask, and a failure is forgotten so the next call tries again. */

import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, test } from "node:test";

import { cache, getBytes, getJSON, once } from "../../overrides/assets/lib/fetch.js";

const hits = {}; // path -> requests served
const failFirst = new Set(["/flaky.json"]); // answered 503 the first time
let base = "";
let server;

before(async () => {
  server = createServer((request, response) => {
    const path = request.url;
    hits[path] = (hits[path] || 0) + 1;
    const missing = path.startsWith("/missing");
    if (missing || (failFirst.has(path) && hits[path] === 1)) {
      response.writeHead(missing ? 404 : 503);
      response.end("no");
    } else if (path === "/bytes.bin") {
      response.writeHead(200, { "Content-Type": "application/octet-stream" });
      response.end(Buffer.from([0, 1, 254, 255]));
    } else if (path === "/broken.json") {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end("{not json");
    } else {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ path }));
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => new Promise((resolve) => server.close(resolve)));

test("getJSON reads JSON and rejects an HTTP error or a broken file", async () => {
  assert.deepEqual(await getJSON(base + "/a.json"), { path: "/a.json" });
  await assert.rejects(getJSON(base + "/missing.json"), (error) => error.status === 404 && /HTTP 404/.test(error.message));
  await assert.rejects(getJSON(base + "/broken.json"));
  assert.deepEqual([...new Uint8Array(await getBytes(base + "/bytes.bin"))], [0, 1, 254, 255]);
  await assert.rejects(getBytes(base + "/missing.json"), /HTTP 404/);
});

test("once: callers share one fetch; after a failure the next call fetches again", async () => {
  const load = once(() => getJSON(base + "/flaky.json"));
  assert.equal(load.started(), null);
  const first = load();
  assert.equal(load(), first, "a second caller gets the pending promise");
  assert.equal(load.started(), first);
  await assert.rejects(first, /HTTP 503/);
  await Promise.resolve(); // the rejection handler that forgets the promise has run
  assert.equal(load.started(), null);
  const second = load();
  assert.notEqual(second, first);
  assert.deepEqual(await second, { path: "/flaky.json" });
  assert.equal(await load(), await second, "kept once it holds");
  assert.equal(hits["/flaky.json"], 2);
});

test("cache: one fetch per key, a failed key tried again, the others kept", async () => {
  const file = cache((path) => getJSON(base + path));
  const [a, again, b] = await Promise.all([file("/one.json"), file("/one.json"), file("/two.json")]);
  assert.deepEqual(a, { path: "/one.json" });
  assert.equal(a, again, "the same parsed object: one fetch");
  assert.deepEqual(b, { path: "/two.json" });
  await assert.rejects(file("/missing-too.json"));
  await Promise.resolve();
  await assert.rejects(file("/missing-too.json"));
  assert.equal(await file("/one.json"), a);
  assert.deepEqual([hits["/one.json"], hits["/two.json"], hits["/missing-too.json"]], [1, 1, 2]);
});

// One device: it learns that its orders are done, shows each, and tells the harness when it showed it.
//   via=poll       asks the edge's REST API every `every` ms for its orders completed since its cursor
//   via=nats       subscribes to devices.<page> over the broker's WebSocket listener (core NATS)
//   via=jetstream  follows devices.<page> in the DEVICES stream with an ordered JetStream consumer
// Times are the page's clock, performance.timeOrigin + performance.now(): milliseconds since the Unix epoch.
import { connect, StringCodec } from "./nats.js";

const query = new URLSearchParams(location.search);
const page = Number(query.get("page"));
const pages = Number(query.get("pages"));
const via = query.get("via");
const now = () => performance.timeOrigin + performance.now();
const text = StringCodec();

const element = (id) => document.getElementById(id);
element("page").textContent = String(page);
element("via").textContent = via;

// What the harness has not been told yet: orders shown, requests sent, connection events.
let shown = [];
let requests = [];
let events = [];
let count = 0;

function show(id) {
  count++;
  element("count").textContent = String(count);
  element("last").textContent = id;
  shown.push([id, now()]);
}

function state(what) {
  element("state").textContent = what;
  events.push([what, now()]);
}

async function post(path, body) {
  const answer = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!answer.ok) throw new Error(`${path}: ${answer.status}`);
}

// Every 100 ms, what happened since; what could not be sent goes again next time.
async function report() {
  if (shown.length + requests.length + events.length === 0) return;
  const body = { page, shown, requests, events };
  shown = [];
  requests = [];
  events = [];
  try {
    await post("report", body);
  } catch {
    shown = body.shown.concat(shown);
    requests = body.requests.concat(requests);
    events = body.events.concat(events);
  }
}

async function poll() {
  const every = Number(query.get("every"));
  const edge = query.get("edge");
  let after = 0;
  let ready = false;
  let next = performance.now();
  for (;;) {
    requests.push(now());
    try {
      const answer = await fetch(`${edge}/devices/${page}/orders?of=${pages}&after=${after}`,
        { cache: "no-store", signal: AbortSignal.timeout(Math.max(1000, every)) });
      if (answer.ok) {
        const body = await answer.json();
        body.orders.forEach(show);
        after = body.next;
        if (!ready) {
          ready = true;
          state("polling");
          await post("ready", { page });
        }
      } else {
        state(`poll answered ${answer.status}`);
      }
    } catch (error) {
      state(`poll failed: ${error.name}`);
    }
    // On a fixed schedule: a slow answer does not push every later poll back.
    next += every;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
}

async function push() {
  const nc = await connect({
    servers: query.get("ws"),
    name: `archlab-page-${page}`,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    pingInterval: 2000,
  });
  (async () => {
    for await (const status of nc.status()) state(status.type);
  })();
  // The messages the page sends (JetStream's consumer requests and pulls; none for a core subscription) are its requests.
  let sent = 0;
  setInterval(() => {
    const out = nc.stats().outMsgs;
    for (; sent < out; sent++) requests.push(now());
  }, 100);
  const subject = `devices.${page}`;
  if (via === "nats") {
    nc.subscribe(subject, { callback: (error, message) => { if (!error) show(text.decode(message.data)); } });
    await nc.flush();
  } else {
    const consumer = await nc.jetstream().consumers.get(query.get("stream"), { filterSubjects: subject });
    const messages = await consumer.consume();
    (async () => {
      for await (const message of messages) show(text.decode(message.data));
    })();
  }
  state("subscribed");
  await post("ready", { page });
}

setInterval(report, 100);
(via === "poll" ? poll() : push()).catch((error) => {
  state(`failed: ${error.message}`);
  post("failed", { page, error: String(error.message || error) }).catch(() => {});
});

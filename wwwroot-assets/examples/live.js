// Example client of the /hubs/executions hub. Query string shortcuts: ?all, ?execution=<id>, ?workflow=<id>.
const $ = (id) => document.getElementById(id);
document.documentElement.dataset.theme = localStorage.getItem("ps-theme") ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
const maxEvents = 500;
let connection = null;

function setState(state, text) {
  const badge = $("state");
  badge.dataset.state = state;
  badge.lastElementChild.textContent = text;
  $("connect").disabled = state === "connected" || state === "connecting";
  $("disconnect").disabled = state === "disconnected";
}

function describe(kind, e) {
  switch (kind) {
    case "executionUpdate":
      return `${e.status} · ${e.progress.completed + e.progress.failed}/${e.progress.total} nodes (${e.progress.percentage}%)` +
        (e.timing.durationMs != null ? ` · ${e.timing.durationMs} ms` : "") + (e.error ? ` · ${e.error}` : "");
    case "nodeUpdate":
      return `${e.nodeId} ${e.state}` + (e.attempt ? ` · attempt ${e.attempt}/${e.maxAttempts}` : "") +
        (e.durationMs != null ? ` · ${e.durationMs} ms` : "") + (e.progress?.message ? ` · ${e.progress.message}` : "") +
        (e.error ? ` · ${e.error}` : "");
    default:
      return `[${e.level}] ${e.nodeId ? e.nodeId + ": " : ""}${e.message}`;
  }
}

function show(kind, e) {
  const item = document.createElement("li");
  item.className = "live-event";
  item.dataset.kind = kind;
  item.dataset.execution = e.executionId;
  item.dataset.status = e.status ?? e.state ?? e.level;
  if (e.nodeId) item.dataset.node = e.nodeId;

  const time = document.createElement("time");
  time.dateTime = e.timestamp;
  time.textContent = new Date(e.timestamp).toLocaleTimeString([], { hour12: false }) + "." + String(new Date(e.timestamp).getMilliseconds()).padStart(3, "0");
  const badge = document.createElement("span");
  badge.className = `badge badge-kind-${kind}`;
  badge.textContent = kind;
  const detail = document.createElement("span");
  detail.className = "detail";
  const run = document.createElement("code");
  run.textContent = e.executionId.slice(0, 8) + " ";
  detail.append(run, describe(kind, e));
  detail.title = JSON.stringify(e, null, 2);
  item.append(time, badge, detail);

  const list = $("events");
  list.prepend(item);
  while (list.childElementCount > maxEvents) list.lastElementChild.remove();
  $("summary").textContent = `${list.childElementCount} events`;
}

async function join(scope, target) {
  if (scope === "execution") show("executionUpdate", await connection.invoke("JoinExecution", target));
  else if (scope === "workflow") await connection.invoke("JoinWorkflow", target);
  else await connection.invoke("JoinAll");
}

async function connect(scope, target, key) {
  $("error").textContent = "";
  connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/executions", key ? { accessTokenFactory: () => key } : {})
    .withAutomaticReconnect()
    .build();
  for (const kind of ["executionUpdate", "nodeUpdate", "log"]) connection.on(kind, (e) => show(kind, e));
  connection.onreconnecting(() => setState("reconnecting", "Reconnecting"));
  // Groups belong to a connection: join again after a reconnect (the server may have dropped a slow client).
  connection.onreconnected(() => join(scope, target).then(() => setState("connected", "Connected")));
  connection.onclose((error) => setState(error ? "failed" : "disconnected", error ? "Connection lost" : "Disconnected"));

  setState("connecting", "Connecting");
  try {
    await connection.start();
    await join(scope, target);
    setState("connected", `Connected · ${scope === "all" ? "all executions" : `${scope} ${target.slice(0, 8)}`}`);
  } catch (error) {
    $("error").textContent = error.message.replace(/^.*HubException: /, "");
    await connection.stop();
    setState("failed", "Not connected");
  }
}

$("subscribe").addEventListener("submit", (event) => {
  event.preventDefault();
  const target = $("target").value.trim();
  const scope = target === "" || target.toLowerCase() === "all" ? "all" : $("scope").value === "all" ? "execution" : $("scope").value;
  connect(scope, target, $("key").value.trim());
});
$("disconnect").addEventListener("click", () => connection?.stop());

const query = new URLSearchParams(location.search);
for (const scope of ["execution", "workflow"]) {
  if (!query.get(scope)) continue;
  $("scope").value = scope;
  $("target").value = query.get(scope);
}
if (query.has("all") || query.get("execution") || query.get("workflow")) $("subscribe").requestSubmit();

// Pointer, wheel and keyboard gestures of the workflow canvas. The DOM is moved directly while a gesture runs
// (so a 300-node canvas does not re-render per frame); the finished gesture is reported to C#, which owns the state.
const DRAG_THRESHOLD = 4;
const canvases = new WeakMap();

const bezier = (x1, y1, x2, y2) => {
  const dx = Math.max(40, Math.abs(x2 - x1) / 2);
  return `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`;
};

const isTyping = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

export function attach(root, dotnet, options) {
  const world = root.querySelector(".canvas-world");
  const band = root.querySelector(".rubber-band");
  const preview = root.querySelector(".clink-preview");
  const grid = options.grid;
  const editable = options.editable;
  let vp = { ...options.viewport };
  let gesture = null;
  let frame = 0;
  let reportTimer = 0;

  const apply = () => {
    world.style.transform = `translate(${vp.x}px,${vp.y}px) scale(${vp.zoom})`;
    root.style.setProperty("--grid-size", `${grid * vp.zoom}px`);
    root.style.backgroundPosition = `${vp.x}px ${vp.y}px`;
  };
  const toWorld = (clientX, clientY) => {
    const r = root.getBoundingClientRect();
    return { x: (clientX - r.left - vp.x) / vp.zoom, y: (clientY - r.top - vp.y) / vp.zoom };
  };
  const reportViewport = () => dotnet.invokeMethodAsync("ViewportChanged", vp.x, vp.y, vp.zoom);
  const snap = (v) => Math.round(v / grid) * grid;
  const nodeEl = (id) => world.querySelector(`.cnode[data-node-id="${CSS.escape(id)}"]`);

  function onPointerDown(e) {
    if (e.button !== 0 && e.button !== 1) return;
    const t = e.target;
    if (t.closest(".canvas-controls, .minimap, .canvas-empty")) return;
    if (t.closest(".port-in")) return; // a click: keyboard-style connect handled in C#
    const start = { x: e.clientX, y: e.clientY, moved: false, shift: e.shiftKey };
    const port = t.closest(".port-out");
    const node = t.closest(".cnode");
    const link = t.closest(".clink-hit");
    if (e.button === 1) gesture = { kind: "pan", ...start, vx: vp.x, vy: vp.y };
    else if (port && editable) gesture = { kind: "connect", ...start, nodeId: port.dataset.nodeId, port: port.dataset.port, port_el: port };
    else if (node) gesture = { kind: editable ? "node" : "node-readonly", ...start, nodeId: node.dataset.nodeId, vx: vp.x, vy: vp.y };
    else if (link) gesture = { kind: "link", ...start, connectionId: link.dataset.connectionId, vx: vp.x, vy: vp.y };
    else if (e.shiftKey && editable) gesture = { kind: "band", ...start, origin: toWorld(e.clientX, e.clientY) };
    else gesture = { kind: "pan", ...start, vx: vp.x, vy: vp.y };
    if (gesture.kind !== "node" && gesture.kind !== "node-readonly") e.preventDefault();
    window.addEventListener("pointermove", onPointerMove);
    window.addEventListener("pointerup", onPointerUp, { once: true });
  }

  function beginNodeDrag(g) {
    const pressed = nodeEl(g.nodeId);
    const ids = pressed.classList.contains("selected")
      ? [...world.querySelectorAll(".cnode.selected")].map((n) => n.dataset.nodeId)
      : [g.nodeId];
    const moving = new Set(ids);
    g.items = ids.map((id) => {
      const el = nodeEl(id);
      return { el, left: parseFloat(el.style.left), top: parseFloat(el.style.top) };
    });
    g.links = [...world.querySelectorAll(".clink, .clink-hit")]
      .filter((p) => moving.has(p.dataset.from) || moving.has(p.dataset.to))
      .map((p) => ({
        el: p, from: moving.has(p.dataset.from), to: moving.has(p.dataset.to),
        sx: +p.dataset.sx, sy: +p.dataset.sy, tx: +p.dataset.tx, ty: +p.dataset.ty,
      }));
    g.ids = ids;
    g.items.forEach((i) => i.el.classList.add("dragging"));
  }

  async function beginConnect(g) {
    const r = g.port_el.getBoundingClientRect();
    g.origin = toWorld(r.left + r.width / 2, r.top + r.height / 2);
    root.classList.add("connecting");
    g.targets = await dotnet.invokeMethodAsync("BeginConnect", g.nodeId, g.port);
    if (gesture !== g) return;
    for (const id of g.targets) nodeEl(id)?.classList.add("drop-target");
  }

  function onPointerMove(e) {
    const g = gesture;
    if (!g) return;
    if (!g.moved) {
      if (Math.hypot(e.clientX - g.x, e.clientY - g.y) < DRAG_THRESHOLD) return;
      g.moved = true;
      if (g.kind === "node") beginNodeDrag(g);
      if (g.kind === "connect") beginConnect(g);
      if (g.kind === "band") band.hidden = false;
      if (g.kind === "node-readonly" || g.kind === "link") g.kind = g.kind === "link" && editable ? "link" : "pan";
    }
    g.cx = e.clientX;
    g.cy = e.clientY;
    if (!frame) frame = requestAnimationFrame(render);
  }

  function render() {
    frame = 0;
    const g = gesture;
    if (!g || !g.moved) return;
    if (g.kind === "pan") {
      vp.x = g.vx + (g.cx - g.x);
      vp.y = g.vy + (g.cy - g.y);
      apply();
    } else if (g.kind === "node") {
      g.dx = snap((g.cx - g.x) / vp.zoom);
      g.dy = snap((g.cy - g.y) / vp.zoom);
      for (const i of g.items) {
        i.el.style.left = `${i.left + g.dx}px`;
        i.el.style.top = `${i.top + g.dy}px`;
      }
      for (const l of g.links) {
        l.el.setAttribute("d", bezier(l.sx + (l.from ? g.dx : 0), l.sy + (l.from ? g.dy : 0), l.tx + (l.to ? g.dx : 0), l.ty + (l.to ? g.dy : 0)));
      }
    } else if (g.kind === "connect" && g.origin) {
      const p = toWorld(g.cx, g.cy);
      preview.setAttribute("d", bezier(g.origin.x, g.origin.y, p.x, p.y));
      const over = document.elementFromPoint(g.cx, g.cy)?.closest(".cnode");
      world.querySelectorAll(".cnode.hover-target").forEach((n) => n !== over && n.classList.remove("hover-target"));
      over?.classList.add("hover-target");
    } else if (g.kind === "band") {
      const p = toWorld(g.cx, g.cy);
      g.rect = { x: Math.min(p.x, g.origin.x), y: Math.min(p.y, g.origin.y), w: Math.abs(p.x - g.origin.x), h: Math.abs(p.y - g.origin.y) };
      Object.assign(band.style, { left: `${g.rect.x}px`, top: `${g.rect.y}px`, width: `${g.rect.w}px`, height: `${g.rect.h}px` });
    }
  }

  function onPointerUp(e) {
    window.removeEventListener("pointermove", onPointerMove);
    const g = gesture;
    gesture = null;
    if (!g) return;
    if (g.moved) { g.cx = e.clientX; g.cy = e.clientY; render(); }
    if (!g.moved) {
      if (g.kind === "node" || g.kind === "node-readonly") dotnet.invokeMethodAsync("NodeClicked", g.nodeId, g.shift);
      else if (g.kind === "link") dotnet.invokeMethodAsync("LinkClicked", g.connectionId);
      else if (g.kind === "pan" || g.kind === "band") dotnet.invokeMethodAsync("BackgroundClicked");
      return;
    }
    if (g.kind === "pan") reportViewport();
    if (g.kind === "node") {
      g.items.forEach((i) => i.el.classList.remove("dragging"));
      if (g.dx || g.dy) dotnet.invokeMethodAsync("NodesMoved", g.ids, g.dx, g.dy);
    }
    if (g.kind === "band") {
      band.hidden = true;
      if (g.rect) dotnet.invokeMethodAsync("RubberBand", g.rect.x, g.rect.y, g.rect.w, g.rect.h, g.shift && e.ctrlKey);
    }
    if (g.kind === "connect") {
      preview.setAttribute("d", "");
      root.classList.remove("connecting");
      world.querySelectorAll(".drop-target, .hover-target").forEach((n) => n.classList.remove("drop-target", "hover-target"));
      const target = document.elementFromPoint(e.clientX, e.clientY)?.closest(".cnode");
      if (target) dotnet.invokeMethodAsync("CompleteConnect", g.nodeId, g.port, target.dataset.nodeId);
    }
  }

  function onWheel(e) {
    if (e.target.closest(".canvas-controls, .minimap")) return;
    e.preventDefault();
    const r = root.getBoundingClientRect();
    const sx = e.clientX - r.left, sy = e.clientY - r.top;
    const zoom = Math.min(2, Math.max(0.2, vp.zoom * Math.exp(-e.deltaY * 0.0015)));
    vp = { x: sx - ((sx - vp.x) / vp.zoom) * zoom, y: sy - ((sy - vp.y) / vp.zoom) * zoom, zoom };
    apply();
    clearTimeout(reportTimer);
    reportTimer = setTimeout(reportViewport, 120);
  }

  const SHORTCUTS = new Set(["ctrl+z", "ctrl+y", "ctrl+shift+z", "ctrl+c", "ctrl+v", "ctrl+d", "ctrl+s", "ctrl+a", "delete", "backspace", "f9", "escape", "shift+!", "shift+1"]);
  function onKeyDown(e) {
    if (!root.isConnected || document.querySelector(".dialog-backdrop")) return;
    const combo = [(e.ctrlKey || e.metaKey) && "ctrl", e.shiftKey && "shift", e.key.toLowerCase()].filter(Boolean).join("+");
    if (!SHORTCUTS.has(combo)) return;
    if (isTyping(document.activeElement) && combo !== "ctrl+s") return;
    e.preventDefault();
    dotnet.invokeMethodAsync("Shortcut", combo);
  }

  const resize = new ResizeObserver(() => dotnet.invokeMethodAsync("Resized", root.clientWidth, root.clientHeight));
  resize.observe(root);
  root.addEventListener("pointerdown", onPointerDown);
  root.addEventListener("wheel", onWheel, { passive: false });
  if (editable) document.addEventListener("keydown", onKeyDown);

  const api = {
    setViewport(x, y, zoom) { vp = { x, y, zoom }; apply(); },
    focusNode(id) { nodeEl(id)?.focus({ preventScroll: true }); },
    drop(type, clientX, clientY, offsetX, offsetY) {
      const p = toWorld(clientX, clientY);
      return dotnet.invokeMethodAsync("Dropped", type, p.x - offsetX, p.y - offsetY);
    },
    dispose() {
      resize.disconnect();
      root.removeEventListener("pointerdown", onPointerDown);
      root.removeEventListener("wheel", onWheel);
      document.removeEventListener("keydown", onKeyDown);
      canvases.delete(root);
    },
  };
  if (editable) canvases.set(root, api);
  // Gestures work only from here on; browser tests wait for this mark instead of guessing.
  root.dataset.jsReady = "true";
  return api;
}

// The system clipboard for copied nodes. Browsers may refuse access (permission, insecure origin); then C# keeps
// its own copy, so failures resolve to false / null instead of throwing.
export async function writeClipboard(text) {
  try { await navigator.clipboard.writeText(text); return true; } catch { return false; }
}

export async function readClipboard() {
  try { return await navigator.clipboard.readText(); } catch { return null; }
}

// Palette items are dragged with pointer events (not HTML5 drag and drop) so touch, pen and test drivers behave alike.
// A press without movement stays a click, which C# turns into "add at the centre".
export function attachPalette(palette) {
  function onPointerDown(e) {
    const item = e.target.closest("[data-node-type]");
    if (!item || e.button !== 0) return;
    const start = { x: e.clientX, y: e.clientY };
    let ghost = null;
    const move = (m) => {
      if (!ghost) {
        if (Math.hypot(m.clientX - start.x, m.clientY - start.y) < DRAG_THRESHOLD) return;
        ghost = item.cloneNode(true);
        ghost.classList.add("palette-ghost");
        ghost.removeAttribute("id");
        document.body.appendChild(ghost);
      }
      ghost.style.transform = `translate(${m.clientX + 8}px, ${m.clientY + 8}px)`;
    };
    const up = (u) => {
      window.removeEventListener("pointermove", move);
      if (!ghost) return;
      ghost.remove();
      const canvas = document.elementFromPoint(u.clientX, u.clientY)?.closest(".canvas.editable");
      const api = canvas && canvases.get(canvas);
      if (api) api.drop(item.dataset.nodeType, u.clientX, u.clientY, 110, 36);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up, { once: true });
  }
  palette.addEventListener("pointerdown", onPointerDown);
  palette.dataset.jsReady = "true";
  return { dispose: () => palette.removeEventListener("pointerdown", onPointerDown) };
}

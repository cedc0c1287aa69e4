// Browser-side helpers of the workflow canvas. Pointer, wheel, pan, zoom, selection and linking are Z.Blazor.Diagrams';
// this module adds what the library has no notion of (the designer's global shortcuts, drops from the palette,
// focusing a node, the system clipboard, dragging a group by its frame) and one fast path: dragging a node (see dragPreview).
const DRAG_THRESHOLD = 4;
const canvases = new WeakMap();

const isTyping = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

export function attach(root, dotnet, options) {
  const editable = options.editable;
  const nodeEl = (id) => root.querySelector(`.cnode[data-node-id="${CSS.escape(id)}"]`);

  const SHORTCUTS = new Set(["ctrl+z", "ctrl+y", "ctrl+shift+z", "ctrl+c", "ctrl+v", "ctrl+d", "ctrl+s", "ctrl+a", "delete", "backspace", "f9", "escape", "shift+!", "shift+1"]);
  function onKeyDown(e) {
    if (!root.isConnected || document.querySelector(".dialog-backdrop")) return;
    const combo = [(e.ctrlKey || e.metaKey) && "ctrl", e.shiftKey && "shift", e.key.toLowerCase()].filter(Boolean).join("+");
    if (!SHORTCUTS.has(combo)) return;
    if (isTyping(document.activeElement) && combo !== "ctrl+s") return;
    e.preventDefault();
    dotnet.invokeMethodAsync("Shortcut", combo);
  }
  if (editable) document.addEventListener("keydown", onKeyDown);
  const stopDrag = editable ? dragPreview(root, dotnet) : () => {};
  const stopResize = editable ? noteResize(root, dotnet) : () => {};
  const stopGrid = followGrid(root);
  const stopMinimap = minimapJump(root, dotnet);

  const api = {
    focusNode(id) { nodeEl(id)?.focus({ preventScroll: true }); },
    drop(type, clientX, clientY, offsetX, offsetY) {
      return dotnet.invokeMethodAsync("Dropped", type, clientX, clientY, offsetX, offsetY);
    },
    dispose() {
      document.removeEventListener("keydown", onKeyDown);
      stopDrag();
      stopResize();
      stopGrid();
      stopMinimap();
      canvases.delete(root);
    },
  };
  if (editable) canvases.set(root, api);
  // Drops and shortcuts work only from here on; browser tests wait for this mark instead of guessing.
  root.dataset.jsReady = "true";
  return api;
}

// The dot grid pans and zooms with the diagram: the library transforms its layers, the grid is the canvas' background.
function followGrid(root) {
  const layer = root.querySelector(".diagram-html-layer");
  const grid = root.querySelector(".canvas-diagram");
  if (!layer || !grid) return () => {};
  const sync = () => {
    const m = new DOMMatrix(getComputedStyle(layer).transform);
    grid.style.backgroundSize = `${20 * m.a}px ${20 * m.a}px`;
    grid.style.backgroundPosition = `${m.e}px ${m.f}px`;
  };
  const observer = new MutationObserver(sync);
  observer.observe(layer, { attributes: true, attributeFilter: ["style"] });
  sync();
  return () => observer.disconnect();
}

// A click on the navigator (minimap) centres the canvas on that spot. The navigator's SVG draws the workflow in world
// coordinates (its viewBox), so the SVG's own screen transform turns the click into the world point to centre.
function minimapJump(root, dotnet) {
  const onClick = (e) => {
    const minimap = e.target.closest(".minimap");
    const svg = minimap && (minimap.tagName.toLowerCase() === "svg" ? minimap : minimap.querySelector("svg"));
    const toWorld = svg?.getScreenCTM()?.inverse();
    if (!toWorld) return;
    const world = new DOMPoint(e.clientX, e.clientY).matrixTransform(toWorld);
    dotnet.invokeMethodAsync("MinimapClicked", world.x, world.y);
  };
  root.addEventListener("click", onClick);
  return () => root.removeEventListener("click", onClick);
}

// The drag fast path. The library moves a dragged node with one server round trip per pointer move, so on a busy
// server the node lags the pointer (docs/performance.md). Here the browser moves the pressed node (or the selection
// it belongs to) and redraws its links itself; the library still sees the press (selection) and the release, but not
// the moves. On release the delta goes to C# once, which records the move and re-renders at the snapped position.
const NUMBER = /-?\d+(?:\.\d+)?(?:e-?\d+)?/gi;
const bezier = (x1, y1, x2, y2) => {
  const dx = Math.max(40, Math.abs(x2 - x1) / 2);
  return `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`;
};

function dragPreview(root, dotnet) {
  let drag = null;
  const zoom = () => new DOMMatrix(getComputedStyle(root.querySelector(".diagram-html-layer")).transform).a || 1;
  const snap = (v) => Math.round(v / 20) * 20;

  function begin(d) {
    const pressedSelected = d.pressed?.querySelector(".cnode.selected");
    const elements = d.group
      ? d.group.ids.map((id) => root.querySelector(`.diagram-node[data-node-id="${CSS.escape(id)}"]`)).filter(Boolean)   // culled nodes follow on C#'s render
      : pressedSelected
        ? [...root.querySelectorAll(".diagram-node")].filter((n) => n.querySelector(".cnode.selected"))
        : [d.pressed];
    d.nodes = elements.map((el) => ({ el, id: el.dataset.nodeId, left: parseFloat(el.style.left), top: parseFloat(el.style.top) }));
    const moving = new Set(d.nodes.map((n) => n.id));
    d.links = [...root.querySelectorAll(".clink-group[data-from]")]
      .filter((g) => moving.has(g.dataset.from) || moving.has(g.dataset.to))
      .map((g) => {
        const paths = [...g.querySelectorAll(".clink, .clink-hit")];
        const n = (paths[0]?.getAttribute("d") ?? "").match(NUMBER)?.map(Number) ?? [];
        g.classList.add("dragging");
        return { g, paths, from: moving.has(g.dataset.from), to: moving.has(g.dataset.to), sx: n[0], sy: n[1], tx: n[n.length - 2], ty: n[n.length - 1] };
      });
    d.zoom = zoom();
    d.nodes.forEach((n) => n.el.classList.add("dragging"));
  }

  function render() {
    const d = drag;
    d.frame = 0;
    for (const n of d.nodes) n.el.style.transform = `translate(${d.dx}px, ${d.dy}px)`;
    // The frame is drawn in screen space, over the zoomed layer.
    if (d.group) d.group.frame.style.transform = `translate(${d.dx * d.zoom}px, ${d.dy * d.zoom}px)`;
    for (const l of d.links) {
      const path = bezier(l.sx + (l.from ? d.dx : 0), l.sy + (l.from ? d.dy : 0), l.tx + (l.to ? d.dx : 0), l.ty + (l.to ? d.dy : 0));
      for (const p of l.paths) p.setAttribute("d", path);
    }
  }

  function onDown(e) {
    drag = null;
    if (e.button !== 0 || e.shiftKey || e.target.closest(".cport-hit, .note-resize, .note-editor")) return;
    // A group's label drags the whole group: its frame and every node in it.
    const handle = e.target.closest(".group-frame-handle");
    if (handle && root.contains(handle)) {
      const group = { name: handle.dataset.group, ids: (handle.dataset.nodes ?? "").split(" ").filter(Boolean), frame: handle.closest(".group-frame") };
      drag = { group, x: e.clientX, y: e.clientY, moved: false, dx: 0, dy: 0 };
      return;
    }
    const pressed = e.target.closest(".diagram-node");
    if (pressed && root.contains(pressed)) drag = { pressed, x: e.clientX, y: e.clientY, moved: false, dx: 0, dy: 0 };
  }

  function onMove(e) {
    const d = drag;
    if (!d) return;
    if (!d.moved) {
      if (Math.hypot(e.clientX - d.x, e.clientY - d.y) < DRAG_THRESHOLD) return;
      d.moved = true;
      begin(d);
    }
    e.stopPropagation();   // the library's drag must not move the node as well
    d.dx = (e.clientX - d.x) / d.zoom;
    d.dy = (e.clientY - d.y) / d.zoom;
    if (!d.frame) d.frame = requestAnimationFrame(render);
  }

  function onUp() {
    const d = drag;
    drag = null;
    if (!d?.moved) return;
    cancelAnimationFrame(d.frame);
    // Land where C# will put the node (it snaps to the grid), so the server's render changes nothing on screen.
    for (const n of d.nodes) {
      n.el.style.left = `${snap(n.left + d.dx)}px`;
      n.el.style.top = `${snap(n.top + d.dy)}px`;
      n.el.style.transform = "";
      n.el.classList.remove("dragging");
    }
    d.links.forEach((l) => l.g.classList.remove("dragging"));
    if (d.group) {
      d.group.frame.style.transform = "";   // C# redraws the frame around the moved nodes
      dotnet.invokeMethodAsync("GroupDragged", d.group.name, d.dx, d.dy);
      return;
    }
    dotnet.invokeMethodAsync("NodesDragged", d.nodes.map((n) => n.id), d.dx, d.dy);
  }

  return listenToPointer(onDown, onMove, onUp);
}

// Resizing a sticky note by its corner handle: the browser resizes the note while the pointer moves, C# records one
// snapped, undoable resize on release (NoteResized), like the drag fast path above.
function noteResize(root, dotnet) {
  let r = null;
  const MIN_W = 120, MIN_H = 80;

  function onDown(e) {
    const handle = e.target.closest(".note-resize");
    if (!handle || !root.contains(handle) || e.button !== 0) return;
    const note = handle.closest(".sticky-note");
    const zoom = new DOMMatrix(getComputedStyle(root.querySelector(".diagram-html-layer")).transform).a || 1;
    r = { note, box: note.closest(".diagram-node"), id: handle.dataset.noteId, x: e.clientX, y: e.clientY, zoom,
          w: parseFloat(note.style.width), h: parseFloat(note.style.height), moved: false };
    e.preventDefault();
  }

  function onMove(e) {
    if (!r) return;
    e.stopPropagation();   // the library's drag must not move the note
    r.moved = true;
    r.width = Math.max(MIN_W, r.w + (e.clientX - r.x) / r.zoom);
    r.height = Math.max(MIN_H, r.h + (e.clientY - r.y) / r.zoom);
    for (const el of [r.note, r.box]) {
      if (!el) continue;
      el.style.width = `${r.width}px`;
      el.style.height = `${r.height}px`;
    }
  }

  function onUp() {
    const d = r;
    r = null;
    if (d?.moved) dotnet.invokeMethodAsync("NoteResized", d.id, d.width, d.height);
  }

  return listenToPointer(onDown, onMove, onUp);
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
// Window-level, capturing listeners for one press-move-release gesture; returns the function that removes them.
function listenToPointer(onDown, onMove, onUp) {
  window.addEventListener("pointerdown", onDown, true);
  window.addEventListener("pointermove", onMove, true);
  window.addEventListener("pointerup", onUp, true);
  return () => {
    window.removeEventListener("pointerdown", onDown, true);
    window.removeEventListener("pointermove", onMove, true);
    window.removeEventListener("pointerup", onUp, true);
  };
}

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

// Browser-side helpers of the workflow canvas. Pointer, wheel, pan, zoom and drag gestures are Z.Blazor.Diagrams';
// this module adds what the library has no notion of: the designer's global shortcuts, drops from the palette,
// focusing a node and the system clipboard.
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

  const api = {
    focusNode(id) { nodeEl(id)?.focus({ preventScroll: true }); },
    drop(type, clientX, clientY, offsetX, offsetY) {
      return dotnet.invokeMethodAsync("Dropped", type, clientX, clientY, offsetX, offsetY);
    },
    dispose() {
      document.removeEventListener("keydown", onKeyDown);
      canvases.delete(root);
    },
  };
  if (editable) canvases.set(root, api);
  // Drops and shortcuts work only from here on; browser tests wait for this mark instead of guessing.
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

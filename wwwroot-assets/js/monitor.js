// Monitor helpers: a log tail that follows new lines until the person scrolls up, clipboard and file download.

const nearBottom = (el) => el.scrollHeight - el.scrollTop - el.clientHeight < 32;

export function followTail(scroller) {
  // The panel can be gone by the time the module has loaded (a quick tab switch): there is nothing to follow then.
  if (!scroller?.isConnected) return null;
  let following = true;
  const onScroll = () => { following = nearBottom(scroller); };
  const stick = () => { if (following) scroller.scrollTop = scroller.scrollHeight; };
  // Virtualize grows its spacer as lines arrive; any change below the scroller re-sticks to the end.
  const observer = new MutationObserver(stick);
  observer.observe(scroller, { childList: true, subtree: true, attributes: true, attributeFilter: ["style"] });
  scroller.addEventListener("scroll", onScroll, { passive: true });
  stick();
  return {
    jumpToEnd() { following = true; stick(); },
    dispose() { observer.disconnect(); scroller.removeEventListener("scroll", onScroll); },
  };
}

export async function copyText(text) {
  await navigator.clipboard.writeText(text);
}

export function downloadText(fileName, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const a = Object.assign(document.createElement("a"), { href: url, download: fileName });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Timeline scrubber: the fraction (0..1) of the track where the pointer is.
export function fractionAt(track, clientX) {
  const box = track.getBoundingClientRect();
  return Math.min(1, Math.max(0, (clientX - box.left) / box.width));
}

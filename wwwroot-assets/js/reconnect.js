// The reconnect banner's Retry and Reload buttons. Listeners live here rather than in onclick attributes because the
// Content-Security-Policy allows no inline script, event handlers included.
document.addEventListener("click", (event) => {
  const action = event.target.closest("[data-reconnect-action]")?.dataset.reconnectAction;
  if (action === "retry") Blazor.reconnect();
  else if (action === "reload") location.reload();
});

// A restarted server no longer knows this page's circuit and rejects the reconnect: nothing on the page can work
// again, so load it afresh instead of asking the person to. "Failed" (the server stayed away through every retry)
// keeps retrying slowly so the page also recovers when the server comes back later.
(() => {
  const modal = document.getElementById("components-reconnect-modal");
  if (!modal) return;
  let retryTimer = null;
  new MutationObserver(() => {
    if (modal.classList.contains("components-reconnect-rejected")) {
      location.reload();
    } else if (modal.classList.contains("components-reconnect-failed")) {
      retryTimer ??= setInterval(() => Blazor.reconnect().then((ok) => ok === false && location.reload(), () => {}), 3000);
    } else if (retryTimer !== null) {
      clearInterval(retryTimer);
      retryTimer = null;
    }
  }).observe(modal, { attributes: true, attributeFilter: ["class"] });
})();

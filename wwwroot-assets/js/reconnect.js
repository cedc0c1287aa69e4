// The reconnect banner's Retry and Reload buttons. Listeners live here rather than in onclick attributes because the
// Content-Security-Policy allows no inline script, event handlers included.
document.addEventListener("click", (event) => {
  const action = event.target.closest("[data-reconnect-action]")?.dataset.reconnectAction;
  if (action === "retry") Blazor.reconnect();
  else if (action === "reload") location.reload();
});

// Loaded synchronously in <head> (a file, not an inline script, so the CSP can forbid inline scripts): applies the
// saved theme (the ps-theme cookie, which the server also reads for MudBlazor's theme) or the system preference
// before first paint so a dark-theme user never sees a light flash.
(() => {
  const saved = document.cookie.split("; ").find((c) => c.startsWith("ps-theme="))?.split("=")[1];
  document.documentElement.dataset.theme = saved || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
})();

// Loaded synchronously in <head> (a file, not an inline script, so the CSP can forbid inline scripts):
// applies the saved theme before first paint so a dark-theme user never sees a light flash.
document.documentElement.dataset.theme = localStorage.getItem("ps-theme") || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");

// Theme persistence: a cookie so the server renders MudBlazor's theme in the chosen colours on the next visit;
// theme-init.js (loaded in <head>) applies it to our own tokens before first paint.
window.psTheme = {
  get: () => document.documentElement.dataset.theme || "light",
  set: (theme) => {
    document.documentElement.dataset.theme = theme;
    document.cookie = `ps-theme=${theme}; path=/; max-age=31536000; samesite=lax`;
  },
};

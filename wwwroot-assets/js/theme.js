// Theme persistence: theme-init.js (loaded in <head>) applies the saved theme before first paint.
window.psTheme = {
  get: () => document.documentElement.dataset.theme || "light",
  set: (theme) => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem("ps-theme", theme);
  },
};

// The sign-in pages are static renders without a circuit: put the cursor in the first field marked for it.
document.querySelector("input[data-autofocus]")?.focus();

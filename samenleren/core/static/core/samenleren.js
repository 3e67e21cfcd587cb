// Small progressive enhancements; every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Open the menu by default on wide screens, where there is room for it.
  const menu = document.querySelector("details.menu");
  if (menu && window.matchMedia("(min-width: 48rem)").matches) {
    menu.open = true;
  }
});

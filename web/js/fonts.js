// fonts.js: Go fonts other than regular and bold are not in app.wasm: a
// worker downloads one when a batch or preview first uses it, and the
// service worker keeps it. Fetching it as soon as it is picked, while
// online, makes it ready for offline use even before any photo is added.
export function prefetchPickedFonts() {
  document.addEventListener(
    "change",
    (e) => {
      const select = e.target;
      if (!select || select.id !== "text-font" || !navigator.onLine) return;
      if (select.value === "regular" || select.value === "bold") return;
      fetch("/fonts/" + encodeURIComponent(select.value) + ".ttf").catch(() => {}); // the worker says it when it matters
    },
    true
  );
}

// picmark's service worker (go-app fills in {{.Version}} and
// {{.ResourcesToCache}}). Unlike go-app's default, it holds the install
// open until every file is cached: a page that looks installed must work
// offline.
const cacheName = "picmark-{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

// Files the app downloads on first use, not on install (served by picmark
// outside /web/, so a first visit stays small), by path prefix, with the
// cache that keeps each one passed on, so it works offline from then on:
// - fonts a brand kit uses (most users never pick them), kept across app
//   versions: the Go fonts never change, so a kept copy never goes stale;
// - the face finder's cascade, which the page fetches in the background
//   (web/js/picmark.js) and which comes with the app's version, so it is
//   kept in the version's cache and fetched again after an update.
const fontsCache = "picmark-fonts";
const onDemand = [
  ["/fonts/", fontsCache],
  ["/models/", cacheName],
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      await cache.addAll(resourcesToCache);
      await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key !== cacheName && key !== fontsCache) await caches.delete(key);
      }
      await self.clients.claim();
    })()
  );
});

// Photos shared to the installed app (the manifest's share_target) arrive
// as a POST that never leaves the device: keep the files for the page, then
// open it. The page reads them from the "picmark-shared" cache.
const sharedCache = "picmark-shared";

async function receiveShare(request) {
  const form = await request.formData();
  const cache = await caches.open(sharedCache);
  let n = 0;
  for (const file of form.getAll("photos")) {
    if (!(file instanceof File)) continue;
    await cache.put(
      "/shared/" + n++,
      new Response(file, { headers: { "Content-Type": file.type, "X-Name": encodeURIComponent(file.name) } })
    );
  }
  return Response.redirect("/?shared=" + n, 303);
}

async function keep(request, name) {
  const cache = await caches.open(name);
  const kept = await cache.match(request, { ignoreSearch: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method === "POST" && url.pathname === "/share-target") {
    event.respondWith(receiveShare(event.request));
    return;
  }
  if (event.request.method !== "GET") return;
  const kept = url.origin === self.location.origin && onDemand.find(([prefix]) => url.pathname.startsWith(prefix));
  if (kept) {
    event.respondWith(keep(event.request, kept[1]));
    return;
  }
  event.respondWith(
    (async () => {
      const cached = await caches.match(event.request, { ignoreSearch: true });
      return cached || fetch(event.request);
    })()
  );
});

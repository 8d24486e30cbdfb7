// picmark's service worker (go-app fills in {{.Version}} and
// {{.ResourcesToCache}}). Unlike go-app's default, it holds the install
// open until every file is cached: a page that looks installed must work
// offline.
const cacheName = "picmark-{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

// Files the app downloads when it first needs them, not at install (served
// by picmark outside /web/; cmd/picmark/server.go onDemandPaths), by path
// prefix and the cache that keeps each one passed on, so it works offline
// from then on:
//   - fonts, when a brand kit first uses one (most users never pick them):
//     kept across app versions, as the Go fonts never change;
//   - the HEIC decoder and the face finder's cascade, which the page
//     fetches in the background once this worker controls it: kept with
//     the version's files (the version hash covers them), so an update
//     fetches the new ones on its first visit.
const onDemand = [
  ["/fonts/", "picmark-fonts"],
  ["/decoders/", cacheName],
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
        if (key !== cacheName && !onDemand.some(([, name]) => name === key)) await caches.delete(key);
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

async function kept(request, name) {
  const cache = await caches.open(name);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  // The copy is for offline use: a device out of room (QuotaExceededError)
  // must still get the file it asked for now.
  if (response.ok) await cache.put(request, response.clone()).catch(() => {});
  return response;
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method === "POST" && url.pathname === "/share-target") {
    event.respondWith(receiveShare(event.request));
    return;
  }
  if (event.request.method !== "GET") return;
  const demand = url.origin === self.location.origin && onDemand.find(([prefix]) => url.pathname.startsWith(prefix));
  if (demand) {
    event.respondWith(kept(event.request, demand[1]));
    return;
  }
  event.respondWith(
    (async () => {
      const cached = await caches.match(event.request, { ignoreSearch: true });
      return cached || fetch(event.request);
    })()
  );
});

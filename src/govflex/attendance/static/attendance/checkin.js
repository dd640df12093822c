// GovFlex check-in: one tap records a punch. Each punch gets its own key and the device time,
// is kept in IndexedDB until the server has it, and is sent again when the network returns.
// The server stores a key once, however often it is sent.
(function () {
  "use strict";
  const root = document.getElementById("checkin");
  if (!root) return;
  const form = document.getElementById("punch-form");
  const button = document.getElementById("punch-button");
  const feedback = document.getElementById("punch-feedback");
  const queueStatus = document.getElementById("queue-status");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const text = (name) => root.dataset[name] || "";
  const DB = "govflex-checkin";
  const STORE = "punches";

  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "idempotency_key" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function withStore(mode, work) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
      tx.onerror = () => reject(tx.error);
    });
  }

  const queueAdd = (punch) => withStore("readwrite", (store) => store.put(punch));
  const queueAll = () => withStore("readonly", (store) => store.getAll());
  const queueDelete = (key) => withStore("readwrite", (store) => store.delete(key));

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function locate() {
    if (text("consent") !== "yes" || !navigator.geolocation) return Promise.resolve(null);
    feedback.textContent = text("msgLocating");
    return new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        (pos) => resolve({ latitude: pos.coords.latitude, longitude: pos.coords.longitude, accuracy_m: pos.coords.accuracy }),
        () => resolve(null),
        { enableHighAccuracy: true, timeout: 8000, maximumAge: 60000 },
      );
    });
  }

  async function showQueue() {
    const waiting = await queueAll();
    queueStatus.hidden = waiting.length === 0;
    queueStatus.textContent = waiting.length ? text("msgPending") + ": " + waiting.length : "";
  }

  let flushing = false;
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      for (const punch of await queueAll()) {
        let response;
        try {
          response = await fetch(text("api"), {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, "Accept-Language": document.documentElement.lang },
            body: JSON.stringify(Object.assign({}, punch, { device_now: new Date().toISOString() })),
          });
        } catch (offline) {
          feedback.textContent = text("msgQueued");
          break;  // still offline: keep everything for later
        }
        if (response.ok) {
          await queueDelete(punch.idempotency_key);
          feedback.textContent = text("msgSaved");
          document.body.dispatchEvent(new Event("punched"));
        } else if (response.status >= 400 && response.status < 500 && response.status !== 401 && response.status !== 429) {
          // Refused for good (e.g. a time far in the future): tell the person, do not retry.
          await queueDelete(punch.idempotency_key);
          let message = "";
          try { message = (await response.json()).message || ""; } catch (ignored) { /* not JSON */ }
          feedback.textContent = text("msgRefused") + " " + message;
        } else {
          break;  // server trouble or signed out: retry later
        }
      }
    } finally {
      flushing = false;
      await showQueue();
    }
  }

  form.addEventListener("submit", async (event) => {
    if (!window.indexedDB || !window.fetch) return;  // old browser: the plain form post works
    event.preventDefault();
    button.setAttribute("aria-busy", "true");
    button.disabled = true;
    try {
      const punch = Object.assign({ idempotency_key: newKey(), source: "web", device_time: new Date().toISOString() }, await locate());
      await queueAdd(punch);
      await showQueue();
      await flush();
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  });

  window.addEventListener("online", flush);
  setInterval(flush, 30000);
  showQueue().then(flush);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(text("sw"), { scope: new URL(".", new URL(text("sw"), location.href)).pathname }).catch(() => {});
  }
})();

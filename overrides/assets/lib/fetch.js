/* Lumbung Praktik: fetching the site's data files. A file is fetched once and shared by every caller;
   a failed fetch is forgotten, so the next call tries again (a phone that lost its connection for a
   moment is not left without filters until the page is reloaded). */

function failed(response) {
  const error = new Error("HTTP " + response.status);
  error.status = response.status;
  return error;
}

/** The JSON at `url` (same origin); rejects on a network error or an HTTP error status (the
    error's `status`). */
export function getJSON(url) {
  return fetch(url, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw failed(response);
    return response.json();
  });
}

/** The bytes at `url` as an ArrayBuffer; rejects like getJSON. */
export function getBytes(url) {
  return fetch(url, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw failed(response);
    return response.arrayBuffer();
  });
}

/**
 * `load()` called at most once at a time: every call gets the same promise until it rejects, and
 * the call after a rejection loads again. `get.started()` is the promise if loading has begun, else
 * null (to use data that is already on its way without starting a fetch).
 */
export function once(load) {
  let promise = null;
  const get = () => {
    if (!promise) {
      const mine = load();
      promise = mine;
      mine.catch(() => {
        if (promise === mine) promise = null;
      });
    }
    return promise;
  };
  get.started = () => promise;
  return get;
}

/**
 * `load(key)` once per key, like `once` for each key: the promise is kept while it holds or is
 * pending, and dropped when it rejects.
 */
export function cache(load) {
  const promises = new Map();
  return (key) => {
    if (!promises.has(key)) {
      const mine = load(key);
      promises.set(key, mine);
      mine.catch(() => {
        if (promises.get(key) === mine) promises.delete(key);
      });
    }
    return promises.get(key);
  };
}

// Sign-in and API calls for the Qihu web pages (dispatch's /app/, evaluation's /dashboard/).
// OpenID Connect code flow with PKCE as the public client of <base>/config.json; the access token stays in this tab's
// sessionStorage and goes to the page's own service as a bearer token. No framework, no build.
(function () {
  'use strict';

  const KEY = {
    token: 'qihu.token',
    idToken: 'qihu.idToken',
    verifier: 'qihu.pkce.verifier',
    state: 'qihu.pkce.state',
    back: 'qihu.back',
  };
  let config = null;

  function base64url(bytes) {
    let text = '';
    bytes.forEach(b => { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomText() {
    const bytes = new Uint8Array(32);
    crypto.getRandomValues(bytes);
    return base64url(bytes);
  }

  async function challengeOf(verifier) {
    if (!window.crypto || !crypto.subtle) {
      throw new Error('This page must be opened over https (or on 127.0.0.1/localhost) to sign in.');
    }
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    return base64url(new Uint8Array(digest));
  }

  /** The claims of a JWT, without checking it (the service checks it): only to show who is signed in. */
  function claimsOf(jwt) {
    try {
      const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const bytes = Uint8Array.from(atob(part), c => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      return {};
    }
  }

  function currentToken() {
    const token = sessionStorage.getItem(KEY.token);
    if (!token) {
      return null;
    }
    const exp = claimsOf(token).exp;
    // A token about to expire would fail half-way through what the person is doing.
    return exp && exp * 1000 < Date.now() + 15000 ? null : token;
  }

  async function redirectToSignIn() {
    const verifier = randomText();
    const state = randomText();
    sessionStorage.setItem(KEY.verifier, verifier);
    sessionStorage.setItem(KEY.state, state);
    if (location.pathname !== config.callbackPath) {
      sessionStorage.setItem(KEY.back, location.pathname + location.search + location.hash);
    }
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: config.clientId,
      scope: config.scope,
      redirect_uri: location.origin + config.callbackPath,
      state: state,
      code_challenge: await challengeOf(verifier),
      code_challenge_method: 'S256',
    });
    location.assign(config.authorizationEndpoint + '?' + query);
    // The page is going away; nothing after this should run.
    return new Promise(() => {});
  }

  async function finishSignIn() {
    const answer = new URLSearchParams(location.search);
    if (answer.get('error')) {
      throw new Error('The sign-in refused: ' + answer.get('error') + ' ' + (answer.get('error_description') || ''));
    }
    if (!answer.get('code') || answer.get('state') !== sessionStorage.getItem(KEY.state)) {
      // A stale or forged return: start again rather than trust it.
      return redirectToSignIn();
    }
    const response = await fetch(config.tokenEndpoint, {
      method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: answer.get('code'),
        redirect_uri: location.origin + config.callbackPath,
        client_id: config.clientId,
        code_verifier: sessionStorage.getItem(KEY.verifier),
      }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok || !body.access_token) {
      throw new Error('The sign-in gave no token: ' + (body.error_description || body.error || response.status));
    }
    sessionStorage.setItem(KEY.token, body.access_token);
    if (body.id_token) {
      sessionStorage.setItem(KEY.idToken, body.id_token);
    }
    sessionStorage.removeItem(KEY.verifier);
    sessionStorage.removeItem(KEY.state);
    const back = sessionStorage.getItem(KEY.back) || config.base + '/';
    sessionStorage.removeItem(KEY.back);
    history.replaceState(null, '', back);
  }

  /** Readable text of an RFC 9457 problem: its detail, then each field at fault. */
  function problemText(problem, status) {
    if (!problem || typeof problem !== 'object') {
      return 'HTTP ' + status;
    }
    let text = problem.detail || problem.title || ('HTTP ' + status);
    (problem.errors || []).forEach(e => { text += '\n• ' + e.field + ': ' + e.message; });
    return text;
  }

  class ApiError extends Error {
    constructor(status, problem) {
      super(problemText(problem, status));
      this.status = status;
      this.problem = problem;
    }
  }

  async function authorizedFetch(path, init) {
    const token = currentToken();
    if (!token) {
      return redirectToSignIn();
    }
    const headers = Object.assign({'Authorization': 'Bearer ' + token}, init.headers || {});
    const response = await fetch(path, Object.assign({}, init, {headers: headers}));
    if (response.status === 401) {
      sessionStorage.removeItem(KEY.token);
      return redirectToSignIn();
    }
    return response;
  }

  /** Calls the page's service; resolves with the JSON answer, rejects with an ApiError carrying the problem. */
  async function api(method, path, body) {
    const init = {method: method, headers: {'Accept': 'application/json, application/problem+json'}};
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await authorizedFetch(path, init);
    const text = await response.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch (e) {
      parsed = {detail: text.slice(0, 300)};
    }
    if (!response.ok) {
      throw new ApiError(response.status, parsed);
    }
    return parsed;
  }

  /**
   * Follows a server-sent event stream with the bearer token (EventSource cannot send one): calls onEvent(name, data)
   * for each event, onState('live' | 'reconnecting') as the connection comes and goes, and reconnects until stopped.
   */
  function stream(path, onEvent, onState) {
    let stopped = false;
    let controller = null;
    async function connect() {
      while (!stopped) {
        controller = new AbortController();
        try {
          const response = await authorizedFetch(path, {
            headers: {'Accept': 'text/event-stream'},
            signal: controller.signal,
          });
          if (!response.ok) {
            const problem = await response.json().catch(() => null);
            throw new ApiError(response.status, problem);
          }
          onState('live');
          const reader = response.body.getReader();
          const decoder = new TextDecoder();
          let buffer = '';
          let name = 'message';
          let data = [];
          for (;;) {
            const chunk = await reader.read();
            if (chunk.done) {
              break;
            }
            buffer += decoder.decode(chunk.value, {stream: true});
            let end;
            while ((end = buffer.indexOf('\n')) >= 0) {
              const line = buffer.slice(0, end).replace(/\r$/, '');
              buffer = buffer.slice(end + 1);
              if (line === '') {
                if (data.length) {
                  onEvent(name, data.join('\n'));
                }
                name = 'message';
                data = [];
              } else if (line.startsWith('event:')) {
                name = line.slice(6).trim();
              } else if (line.startsWith('data:')) {
                data.push(line.slice(5).replace(/^ /, ''));
              }
            }
          }
        } catch (e) {
          if (stopped) {
            return;
          }
          onState('reconnecting', e);
        }
        if (!stopped) {
          onState('reconnecting');
          await new Promise(resolve => setTimeout(resolve, 2000));
        }
      }
    }
    connect();
    return () => {
      stopped = true;
      if (controller) {
        controller.abort();
      }
    };
  }

  function signOut() {
    const idToken = sessionStorage.getItem(KEY.idToken);
    sessionStorage.clear();
    if (idToken && config.endSessionEndpoint) {
      const query = new URLSearchParams({
        id_token_hint: idToken,
        post_logout_redirect_uri: location.origin + config.base + '/',
      });
      location.assign(config.endSessionEndpoint + '?' + query);
    } else {
      location.assign(config.base + '/');
    }
  }

  /**
   * Loads the sign-in settings of the page under `base`, finishes a sign-in that is coming back, or starts one.
   * Resolves with the signed-in person: {subject, name, roles, region, department}.
   */
  async function start(base) {
    const response = await fetch(base + '/config.json');
    config = await response.json();
    if (location.pathname === config.callbackPath) {
      await finishSignIn();
    }
    const token = currentToken();
    if (!token) {
      return redirectToSignIn();
    }
    const claims = claimsOf(token);
    const roles = Array.isArray(claims.roles) ? claims.roles : String(claims.roles || '').split(/[\s,]+/);
    return {
      subject: claims.sub,
      name: claims.name || claims.sub,
      roles: roles.filter(Boolean).map(r => r.toLowerCase()),
      region: claims.region || null,
      department: claims.department || null,
    };
  }

  window.Qihu = {start: start, api: api, stream: stream, signOut: signOut, problemText: problemText};
})();

/*
 * The respondent's survey, enhanced on the device. Without this file the same pages work as plain
 * forms posted to the server. With it, the first page's hidden screens are shown one at a time,
 * every answer is kept in localStorage under the access code (nothing identifying: the answers, a
 * random idempotency key, the screen reached and when the last answer was given), and "Send" posts to
 * /api/responses; when that fails for want of a connection the answers are queued and sent when the
 * connection returns. The browser's Back and Forward buttons move between the questions. Answers not sent
 * are kept for two hours after the last one (LIFETIME); opening the link again meanwhile offers to
 * continue or to start again, so the next person on a shared ward device never lands in someone's answers.
 */
(function () {
  'use strict';

  var PREFIX = 'cd-survey:';
  // As long as the sealed progress of the pages without script (ProgressProtector.Lifetime).
  var LIFETIME = 2 * 60 * 60 * 1000;
  var storage = (function () {
    try {
      localStorage.setItem(PREFIX + 'test', '1');
      localStorage.removeItem(PREFIX + 'test');
      return localStorage;
    } catch (e) {
      return null;
    }
  })();
  if (!storage || !window.fetch || !window.crypto || !('content' in document.createElement('template'))) {
    return; // An old or locked-down browser: the plain forms work as they are.
  }

  function read(code) {
    try { return JSON.parse(storage.getItem(PREFIX + code)); } catch (e) { return null; }
  }

  function write(code, state) {
    try { storage.setItem(PREFIX + code, JSON.stringify(state)); } catch (e) { /* storage full: the form still works */ }
  }

  function forget(code) { storage.removeItem(PREFIX + code); }

  function newKey() {
    var bytes = new Uint8Array(18);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  // ---- Sending, now or when the connection returns --------------------------------------------

  var inFlight = {};
  var listeners = {};

  /** Sends one queued response; resolves 'sent', 'later' (no connection) or the problem it met. */
  function deliver(code) {
    var state = read(code);
    if (!state || !state.queued || inFlight[code]) {
      return Promise.resolve('busy');
    }
    inFlight[code] = true;
    return fetch('/api/responses', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(state.queued),
      credentials: 'omit',
      cache: 'no-store'
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.ok) {
          forget(code);
          return 'sent';
        }
        if (response.status >= 500 || response.status === 429) {
          return 'later';
        }
        // Refused for good (closed survey, bad answers): stop retrying but keep the answers.
        state.queued = null;
        write(code, state);
        return { problem: body && body.detail ? body.detail : '' };
      });
    }, function () {
      return 'later';
    }).then(function (outcome) {
      delete inFlight[code];
      if (listeners[code]) {
        listeners[code](outcome);
      }
      return outcome;
    });
  }

  function flushAll() {
    for (var i = 0; i < storage.length; i++) {
      var key = storage.key(i);
      if (key && key.indexOf(PREFIX) === 0) {
        var code = key.substring(PREFIX.length);
        var state = read(code);
        if (state && state.queued) {
          deliver(code);
        }
      }
    }
  }

  window.addEventListener('online', flushAll);
  window.setInterval(flushAll, 15000);

  // ---- The survey form ------------------------------------------------------------------------

  var form = document.getElementById('survey');
  if (!form || form.getAttribute('data-mode') !== 'all') {
    flushAll();
    return;
  }

  var code = form.getAttribute('data-code');
  var screens = Array.prototype.slice.call(form.querySelectorAll('section.screen'));
  var thanks = document.getElementById('thanks');
  var queued = document.getElementById('queued');
  var baseTitle = document.title;
  var state = read(code) || {};
  // Answers left unsent for longer are forgotten; answers the respondent sent while offline never are.
  if (!state.queued && state.savedAt && Date.now() - state.savedAt > LIFETIME) {
    forget(code);
    state = {};
  }
  state.key = state.key || newKey();
  state.answers = state.answers || {};

  function idOf(screen) { return screen.getAttribute('data-screen'); }
  function kindOf(screen) { return screen.getAttribute('data-kind'); }
  function isQuestion(screen) { return kindOf(screen) !== 'intro' && kindOf(screen) !== 'review'; }

  function visible() {
    return screens.filter(function (s) {
      var gate = s.getAttribute('data-condition');
      return !gate || state.answers[gate] === s.getAttribute('data-condition-value');
    });
  }

  function current() {
    return screens.filter(function (s) { return !s.hidden; })[0] || screens[0];
  }

  function record(screen) {
    if (!screen || !isQuestion(screen)) {
      return;
    }
    var id = idOf(screen);
    var value = null;
    if (kindOf(screen) === 'text') {
      value = screen.querySelector('textarea').value;
      if (value === '') {
        value = null;
      }
    } else {
      var checked = screen.querySelector('input[type=radio]:checked');
      value = checked ? checked.value : null;
    }
    if (value === null) {
      delete state.answers[id];
    } else {
      state.answers[id] = value;
    }
  }

  function restore() {
    screens.forEach(function (screen) {
      var value = state.answers[idOf(screen)];
      if (value === undefined || !isQuestion(screen)) {
        return;
      }
      if (kindOf(screen) === 'text') {
        screen.querySelector('textarea').value = value;
      } else {
        Array.prototype.forEach.call(screen.querySelectorAll('input[type=radio]'), function (radio) {
          radio.checked = radio.value === value;
        });
      }
    });
  }

  function save() {
    state.savedAt = Date.now();
    write(code, state);
  }

  /** Shows a screen; unless it came from the browser's history, it becomes a step Back can return to. */
  function show(target, focus, fromHistory) {
    var shown = visible();
    if (shown.indexOf(target) < 0) {
      target = shown[0];
    }
    screens.forEach(function (s) { s.hidden = s !== target; });
    form.hidden = false;
    thanks.hidden = true;
    queued.hidden = true;
    state.at = idOf(target);
    save();
    if (!fromHistory && window.history && window.history.pushState) {
      if (window.history.state && window.history.state.screen === state.at) {
        window.history.replaceState({ screen: state.at }, '');
      } else {
        window.history.pushState({ screen: state.at }, '');
      }
    }

    var questions = shown.filter(isQuestion);
    var number = questions.indexOf(target) + 1;
    if (number > 0) {
      var label = form.getAttribute('data-progress').replace('{0}', number).replace('{1}', questions.length);
      target.querySelector('.progress-text').textContent = label;
      var bar = target.querySelector('progress');
      bar.max = questions.length;
      bar.value = number;
      document.title = label + ' – ' + baseTitle;
    } else {
      document.title = baseTitle;
    }
    window.scrollTo(0, 0);
    if (focus) {
      target.querySelector('.heading').focus();
    }
  }

  function finish(section) {
    form.hidden = true;
    thanks.hidden = section !== thanks;
    queued.hidden = section !== queued;
    document.title = section.querySelector('h1').textContent + ' – ' + baseTitle;
    window.scrollTo(0, 0);
    section.querySelector('.heading').focus();
  }

  // ---- Errors, in the GOV.UK pattern: a summary that links to the field, and a message beside it

  function clearErrors(screen) {
    Array.prototype.forEach.call(screen.querySelectorAll('.error-summary, .field .error-message'), function (e) {
      e.parentNode.removeChild(e);
    });
    Array.prototype.forEach.call(screen.querySelectorAll('[aria-invalid]'), function (input) {
      input.removeAttribute('aria-invalid');
    });
    var field = screen.querySelector('.field');
    if (field) {
      field.classList.remove('field-error');
      var described = screen.querySelector('fieldset, textarea');
      if (described && described.getAttribute('aria-describedby')) {
        var ids = described.getAttribute('aria-describedby').split(' ').filter(function (x) { return !/-error$/.test(x); });
        if (ids.length) {
          described.setAttribute('aria-describedby', ids.join(' '));
        } else {
          described.removeAttribute('aria-describedby');
        }
      }
    }
  }

  function showError(screen, message) {
    clearErrors(screen);
    var name = screen.getAttribute('data-field');
    var summary = document.getElementById('error-summary-template').content.firstElementChild.cloneNode(true);
    var item = document.createElement('li');
    var link = document.createElement('a');
    link.href = '#' + name;
    link.textContent = message;
    item.appendChild(link);
    summary.querySelector('ul').appendChild(item);
    screen.insertBefore(summary, screen.firstChild);

    var field = screen.querySelector('.field');
    field.classList.add('field-error');
    var error = document.createElement('p');
    error.className = 'error-message';
    error.id = name + '-error';
    var hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = 'Error: ';
    error.appendChild(hidden);
    error.appendChild(document.createTextNode(message));
    var before = field.querySelector('.options, textarea');
    before.parentNode.insertBefore(error, before);
    Array.prototype.forEach.call(field.querySelectorAll('input, textarea'), function (input) {
      input.setAttribute('aria-invalid', 'true');
    });
    var described = screen.querySelector('fieldset, textarea');
    var ids = (described.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    ids.push(error.id);
    described.setAttribute('aria-describedby', ids.join(' '));
    document.title = 'Error: ' + document.title.replace(/^Error: /, '');
    summary.focus();
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('.error-summary a') : null;
    if (!link) {
      return;
    }
    var input = document.getElementById(link.getAttribute('href').substring(1));
    if (input) {
      event.preventDefault();
      var legend = input.closest('fieldset') ? input.closest('fieldset').querySelector('legend') : null;
      (legend || input).scrollIntoView();
      input.focus({ preventScroll: true });
    }
  });

  // ---- Sending --------------------------------------------------------------------------------

  function payload() {
    var body = { accessCode: code, idempotencyKey: state.key, answers: [], comments: [], demographics: [] };
    visible().forEach(function (screen) {
      var value = state.answers[idOf(screen)];
      if (value === undefined || !isQuestion(screen)) {
        return;
      }
      // The screen's id is "instrument/item", or "demographics/question" (ids hold no "/").
      var id = idOf(screen);
      var instrument = id.substring(0, id.indexOf('/'));
      var item = id.substring(id.indexOf('/') + 1);
      switch (kindOf(screen)) {
        case 'scale':
          body.answers.push({ instrument: instrument, item: item, value: value === 'na' ? 'na' : Number(value) });
          break;
        case 'choice':
          body.answers.push({ instrument: instrument, item: item, value: value });
          break;
        case 'text':
          if (value.trim() !== '') {
            body.comments.push({ instrument: instrument, item: item, text: value });
          }
          break;
        case 'demographic':
          if (value !== '') {
            body.demographics.push({ question: item, value: value });
          }
          break;
      }
    });
    return body;
  }

  listeners[code] = function (outcome) {
    if (outcome === 'sent') {
      finish(thanks);
    } else if (outcome === 'later') {
      if (queued.hidden) {
        finish(queued);
      }
    } else if (outcome && typeof outcome === 'object') {
      state = read(code) || state;
      var review = screens[screens.length - 1];
      show(review, false);
      var message = review.querySelector('.send-error');
      message.textContent = outcome.problem || form.getAttribute('data-send-failed');
      message.hidden = false;
    }
  };

  form.addEventListener('change', function (event) {
    record(event.target.closest('section.screen'));
    save();
  });
  form.addEventListener('input', function (event) {
    record(event.target.closest('section.screen'));
    save();
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var button = event.submitter || document.activeElement;
    var go = button && button.name === 'go' ? button.value : 'next';
    var screen = current();
    record(screen);
    save();
    var shown = visible();
    var index = shown.indexOf(screen);
    if (go === 'back') {
      show(shown[Math.max(0, index - 1)], true);
    } else if (go === 'restart') {
      forget(code);
      state = { key: newKey(), answers: {} };
      form.reset();
      resumable(false);
      show(visible()[1], true);
    } else if (go === 'start' && Object.keys(state.answers).length > 0) {
      var reached = shown.filter(function (s) { return idOf(s) === state.at; })[0];
      show(reached && reached !== screens[0] ? reached : shown[1], true);
    } else if (go === 'send') {
      state.queued = payload();
      save();
      screen.querySelector('.send-error').hidden = true;
      deliver(code);
    } else if (screen.hasAttribute('data-required') && state.answers[idOf(screen)] === undefined) {
      showError(screen, form.getAttribute('data-error-choose'));
    } else {
      clearErrors(screen);
      show(shown[Math.min(shown.length - 1, index + 1)], true);
    }
  });

  /** The first screen offers to continue or to start again while answers from earlier are kept. */
  function resumable(yes) {
    var intro = screens[0];
    intro.querySelector('.resume-note').hidden = !yes;
    intro.querySelector('button[value=restart]').hidden = !yes;
    intro.querySelector('button[value=start]').textContent = yes ? form.getAttribute('data-continue') : form.getAttribute('data-start');
  }

  // The browser's Back and Forward buttons: the screen that step showed, with the answers as they are now.
  window.addEventListener('popstate', function (event) {
    if (form.hidden) {
      return;
    }
    record(current());
    var id = event.state && event.state.screen;
    var target = screens.filter(function (s) { return idOf(s) === id; })[0] || screens[0];
    show(target, true, true);
  });

  // ---- Start: send what was queued, or offer to continue or start again -------------------------

  restore();
  if (state.queued) {
    finish(queued);
    deliver(code);
  } else {
    // Never straight into earlier answers: whoever opens the link chooses to continue them or to start again.
    resumable(Object.keys(state.answers).length > 0);
    if (window.history && window.history.replaceState) {
      window.history.replaceState({ screen: 'intro' }, '');
    }
  }
  flushAll();
})();

/*
 * Search suggestions: an accessible combobox (WAI-ARIA 1.2 combobox with a listbox popup).
 *
 * Progressive enhancement: without this script the search box is a plain form field and
 * the form submits to /search/. With it, typing shows up to eight matching article titles
 * from /search/suggest/?q=. Down and Up move through them, Enter opens the highlighted
 * article (or submits the search if none is highlighted), Escape closes the list (or
 * clears the box when the list is closed). The number of suggestions is announced.
 *
 * It enhances every element with a data-suggest-url attribute that contains an input.
 */
(function () {
  "use strict";

  var MIN_CHARACTERS = 2;
  var DELAY_MS = 200;

  function enhance(container, index) {
    var input = container.querySelector("input");
    var url = container.getAttribute("data-suggest-url");
    if (!input || !url || !window.fetch) {
      return;
    }
    var listId = (input.id || "search-" + index) + "-suggestions";

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggested articles");
    list.hidden = true;

    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    container.appendChild(list);
    container.appendChild(status);
    container.classList.add("search-combobox--enhanced");

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var suggestions = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = null;

    function announce(message) {
      // Clear first, so the same message twice is still read out.
      status.textContent = "";
      window.setTimeout(function () {
        status.textContent = message;
      }, 50);
    }

    function setActive(position) {
      var options = list.querySelectorAll("[role=option]");
      active = position;
      for (var i = 0; i < options.length; i += 1) {
        options[i].setAttribute("aria-selected", i === active ? "true" : "false");
      }
      if (active >= 0 && options[active]) {
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      if (suggestions.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function go(position) {
      var suggestion = suggestions[position];
      if (suggestion) {
        close();
        window.location.assign(suggestion.url);
      }
    }

    function render(results) {
      suggestions = results;
      list.textContent = "";
      results.forEach(function (result, position) {
        var option = document.createElement("li");
        option.id = listId + "-" + position;
        option.className = "search-suggestions__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = result.title; // Text, never HTML.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // Keep focus in the box.
        });
        option.addEventListener("click", function () {
          go(position);
        });
        list.appendChild(option);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (results.length) {
        open();
        announce(
          results.length +
            (results.length === 1 ? " suggestion" : " suggestions") +
            ". Use the up and down arrows to choose, Enter to open."
        );
      } else {
        close();
        announce("No suggestions.");
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < MIN_CHARACTERS) {
        lastQuery = null;
        suggestions = [];
        list.textContent = "";
        close();
        return;
      }
      if (query === lastQuery) {
        open();
        return;
      }
      lastQuery = query;
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      window
        .fetch(url + "?q=" + encodeURIComponent(query), {
          headers: { Accept: "application/json" },
          signal: controller ? controller.signal : undefined,
        })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("Suggestions unavailable");
          }
          return response.json();
        })
        .then(function (data) {
          if (input.value.trim() === query) {
            render(data.results || []);
          }
        })
        .catch(function () {
          // Suggestions are a convenience: on any failure the form still works.
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var count = suggestions.length;
      switch (event.key) {
        case "ArrowDown":
          if (!count) {
            return;
          }
          event.preventDefault();
          open();
          setActive(active + 1 >= count ? 0 : active + 1);
          break;
        case "ArrowUp":
          if (!count) {
            return;
          }
          event.preventDefault();
          open();
          setActive(active - 1 < 0 ? count - 1 : active - 1);
          break;
        case "Enter":
          if (!list.hidden && active >= 0) {
            event.preventDefault();
            go(active);
          }
          break;
        case "Escape":
          if (!list.hidden) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            lastQuery = null;
            suggestions = [];
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", function () {
      close();
    });
  }

  function start() {
    var containers = document.querySelectorAll("[data-suggest-url]");
    for (var i = 0; i < containers.length; i += 1) {
      enhance(containers[i], i);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

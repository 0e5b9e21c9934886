// Send the CSRF token with every htmx request of the console.
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// A menu group of the top bar (Administration) closes when the click lands outside it.
document.addEventListener('click', function (event) {
  document.querySelectorAll('details.menu-group[open]').forEach(function (group) {
    if (!group.contains(event.target)) {
      group.removeAttribute('open');
    }
  });
});

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

// A refused htmx request (400, 409, 422…) shows its reason next to the form or control that
// sent it, instead of failing silently; the reason is the problem the server answered with.
document.addEventListener('htmx:responseError', function (event) {
  var source = event.detail.elt;
  var form = source.closest('form') || source;
  var box = form.querySelector('.htmx-problem');
  if (!box) {
    box = document.createElement('p');
    box.className = 'error htmx-problem';
    box.setAttribute('role', 'alert');
    form.appendChild(box);
  }
  var xhr = event.detail.xhr;
  var page = new DOMParser().parseFromString(xhr.responseText || '', 'text/html');
  var problem = page.querySelector('[role=alert]') || page.querySelector('main p');
  box.textContent = problem && problem.textContent.trim() ? problem.textContent.trim() : xhr.status + ' ' + xhr.statusText;
});

// The reason goes once the same form is sent again successfully.
document.addEventListener('htmx:afterRequest', function (event) {
  if (event.detail.successful) {
    var source = event.detail.elt;
    var box = (source.closest('form') || source).querySelector('.htmx-problem');
    if (box) {
      box.remove();
    }
  }
});
